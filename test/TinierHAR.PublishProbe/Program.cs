using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Training;

// Trains TinierHAR for a few epochs of the library's training loop on fixed random windows and prints each epoch;
// exit code 0 when the training loss fell, so that a published copy of an application proves TorchSharp loads and
// trains there. With --untouched it only uses the trainer's option types and reports whether libtorch is loaded:
// an application that does not train must find the process untouched.
if (args is ["--untouched"])
{
    var settings = new TinierHarTrainer.Options { Network = new TinierHarOptions(), MaxEpochs = 3 };
    var mapped = File.ReadLines("/proc/self/maps").Any(line => line.Contains("libtorch_cpu", StringComparison.Ordinal));
    Console.WriteLine($"options made ({settings.MaxEpochs} epochs); libtorch loaded: {mapped}");
    return mapped ? 1 : 0;
}
const int windowLength = 64, channels = 6, classes = 4, count = 32;
var generator = new Random(1);
var features = Enumerable.Range(0, count * windowLength * channels).Select(_ => (float)generator.NextDouble()).ToArray();
var windows = new TrainingWindows(features, Enumerable.Range(0, count).Select(i => i % classes).ToArray(), windowLength, channels);
using var network = HarNetwork.Create(new TinierHarOptions(), windowLength, channels, classes);
var options = new TinierHarTrainer.Options { BatchSize = 8, MaxEpochs = 5, LearningRate = 1e-2 };
var history = NetworkTraining.Train(network, windows, windows, options, ["a", "b", "c", "d"], Console.WriteLine);
return history.Epochs[^1].TrainLoss < history.Epochs[0].TrainLoss ? 0 : 1;
