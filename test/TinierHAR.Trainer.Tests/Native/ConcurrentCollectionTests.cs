using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Native;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Tests.Training;
using TinierHAR.Trainer.Training;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Tests.Native;

/// <summary>
/// TorchSharp hands libtorch the handles of finalizable scalars, so a collection on another thread could free one
/// mid-call (CI failed so once in a residual sum). Training here runs while a second thread collects and finalizes
/// without pause, which brought the old code down within a few hundred steps; it must finish and change nothing.
/// </summary>
[TestClass]
public sealed class ConcurrentCollectionTests
{
    public static IEnumerable<object[]> Architectures =>
    [
        [new TinierHarOptions { ExtraBlocks = 1 }],
        [new TinyHarOptions { Filters = 4 }],
    ];

    [TestMethod]
    [DynamicData(nameof(Architectures))]
    public void Training_under_concurrent_collections_finishes_with_the_same_weights(HarNetworkOptions architecture)
    {
        var undisturbed = TrainedWeights(architecture, collectMeanwhile: false);
        var disturbed = TrainedWeights(architecture, collectMeanwhile: true);
        CollectionAssert.AreEqual(undisturbed, disturbed);
    }

    [TestMethod]
    public void Tensor_sums_under_concurrent_collections_keep_their_alpha()
    {
        using var left = ones(4, 8);
        using var right = full(4, 8, 2f);
        RunWhileCollecting(() =>
        {
            for (var i = 0; i < 200_000; i++)
            {
                using var sum = left.Plus(right);
                if (i % 50_000 == 0) Assert.AreEqual(3f, sum[0, 0].item<float>());
            }
        });
    }

    private static float[] TrainedWeights(HarNetworkOptions architecture, bool collectMeanwhile)
    {
        const int windowLength = 32, channels = 3, classes = 3;
        var (train, validation) = (TestWindows.Shifted(240, windowLength, channels, classes, 1), TestWindows.Shifted(12, windowLength, channels, classes, 2));
        random.manual_seed(1);
        using var network = HarNetwork.Create(architecture, windowLength, channels, classes);
        var options = new TinierHarTrainer.Options { BatchSize = 2, MaxEpochs = 3, Seed = 1 };

        void Train() => NetworkTraining.Train(network, train, validation, options, ["a", "b", "c"]);
        if (collectMeanwhile) RunWhileCollecting(Train);
        else Train();
        return network.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
    }

    private static void RunWhileCollecting(Action action)
    {
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            action();
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
    }
}
