using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Training;

// Trains TinierHAR for a few epochs of the library's training loop on fixed random windows and prints each epoch;
// exit code 0 when the training loss fell, so that a published copy of an application proves TorchSharp loads and
// trains there.
const int windowLength = 64, channels = 6, classes = 4, count = 32;
var generator = new Random(1);
var features = Enumerable.Range(0, count * windowLength * channels).Select(_ => (float)generator.NextDouble()).ToArray();
var windows = new TrainingWindows(features, Enumerable.Range(0, count).Select(i => i % classes).ToArray(), windowLength, channels);
using var network = HarNetwork.Create(new TinierHarOptions(), windowLength, channels, classes);
var options = new TinierHarTrainer.Options { BatchSize = 8, MaxEpochs = 5, LearningRate = 1e-2 };
var history = NetworkTraining.Train(network, windows, windows, options, ["a", "b", "c", "d"], Console.WriteLine);
return history.Epochs[^1].TrainLoss < history.Epochs[0].TrainLoss ? 0 : 1;
