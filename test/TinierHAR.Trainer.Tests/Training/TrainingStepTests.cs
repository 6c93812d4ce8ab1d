using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Training;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Tests.Training;

[TestClass]
public sealed class TrainingStepTests
{
    public static IEnumerable<object[]> Architectures()
    {
        yield return [new TinierHarOptions()];
        yield return [new TinyHarOptions()];
        yield return [new DeepConvLstmOptions { Filters = 16, LstmUnits = 32 }];
    }

    /// <summary>A few epochs of the training loop (AdamW, mini-batches) must lower the training cross-entropy.</summary>
    [TestMethod]
    [DynamicData(nameof(Architectures))]
    public void A_few_epochs_lower_the_training_loss(HarNetworkOptions options)
    {
        random.manual_seed(7);
        using var network = HarNetwork.Create(options, 64, 6, 4);
        var windows = TestWindows.Shifted(32, 64, 6, 4, seed: 7);
        var settings = new TinierHarTrainer.Options { BatchSize = 8, MaxEpochs = 5, LearningRate = 3e-3, Seed = 7 };

        var losses = NetworkTraining.Train(network, windows, windows, settings, ["a", "b", "c", "d"]).Epochs.Select(e => e.TrainLoss).ToList();

        Assert.IsTrue(losses.All(double.IsFinite), string.Join(", ", losses));
        Assert.IsLessThan(losses[0], losses[^1], $"{options.ArchitectureName}: {string.Join(", ", losses)}");
    }
}
