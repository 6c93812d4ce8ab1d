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

    /// <summary>TinierHAR's dropout (before the GRU) is active in training mode and off in eval mode.</summary>
    [TestMethod]
    public void Dropout_is_active_in_training_mode_only()
    {
        random.manual_seed(3);
        using var network = HarNetwork.Create(new TinierHarOptions(), 64, 6, 4);
        using var x = randn(8, 1, 64, 6);
        using var noGrad = no_grad();

        network.train();
        using var first = network.forward(x);
        using var second = network.forward(x);
        network.eval();
        using var third = network.forward(x);
        using var fourth = network.forward(x);

        Assert.IsFalse(first.allclose(second), "two training-mode passes draw different dropout masks");
        Assert.IsTrue(third.allclose(fourth, rtol: 0, atol: 0), "eval mode is deterministic");
    }

    /// <summary>
    /// The validation loss the schedule sees is the authors' <c>np.average</c> of the batches' mean losses: a short
    /// last batch weighs as much as a full one (here batches of 4 and 1 window), not the mean over windows.
    /// </summary>
    [TestMethod]
    public void The_validation_loss_is_the_plain_mean_of_the_batch_means()
    {
        random.manual_seed(5);
        using var network = HarNetwork.Create(new TinierHarOptions(), 64, 6, 4);
        var train = TestWindows.Shifted(16, 64, 6, 4, seed: 5);
        var validation = TestWindows.Shifted(5, 64, 6, 4, seed: 6);
        var settings = new TinierHarTrainer.Options { BatchSize = 4, MaxEpochs = 1, Seed = 5 };

        var reported = NetworkTraining.Train(network, train, validation, settings, ["a", "b", "c", "d"]).Epochs.Single().ValidationLoss;

        // One epoch: the weights after it are the ones restored, so its validation pass can be redone here.
        using var noGrad = no_grad();
        using var criterion = nn.CrossEntropyLoss(reduction: nn.Reduction.None);
        using var x = tensor(validation.Features, [5, 1, 64, 6]);
        using var y = tensor(validation.Labels.Select(l => (long)l).ToArray(), [5]);
        using var logits = network.forward(x);
        var losses = criterion.forward(logits, y).data<float>().ToArray().Select(v => (double)v).ToArray();
        var batchMeans = (losses[..4].Average() + losses[4]) / 2;
        var windowMean = losses.Average();
        Assert.AreEqual(batchMeans, reported, 1e-6, "the plain mean of the batch means");
        Assert.IsGreaterThan(1e-4, Math.Abs(windowMean - reported), $"and not the window mean {windowMean} (the test must tell them apart)");
    }
}
