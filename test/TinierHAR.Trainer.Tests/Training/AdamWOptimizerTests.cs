using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Training;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Tests.Training;

[TestClass]
public sealed class AdamWOptimizerTests
{
    [TestMethod]
    public void Updates_equal_TorchSharp_AdamW_bit_for_bit_across_a_learning_rate_change()
    {
        var (ours, reference) = (Network(), Network());
        using var optimizer = new AdamWOptimizer(ours.parameters(), learningRate: 1e-2, weightDecay: 0.01);
        using var torchSharp = optim.AdamW(reference.parameters(), lr: 1e-2, weight_decay: 0.01);
        for (var step = 0; step < 12; step++)
        {
            if (step == 6)
            {
                optimizer.LearningRate = 1e-3;
                foreach (var group in torchSharp.ParamGroups) group.LearningRate = 1e-3;
            }
            TrainStep(ours, step, optimizer.ZeroGrad, optimizer.Step);
            TrainStep(reference, step, () => torchSharp.zero_grad(), () => WithoutCollections(() => torchSharp.step()));
        }

        var expected = reference.state_dict();
        foreach (var (name, actual) in ours.state_dict())
            Assert.IsTrue(actual.eq(expected[name]).all().item<bool>(), $"{name} differs from TorchSharp's AdamW");
        Assert.IsFalse(ours.state_dict()["classifier.0.weight"].eq(Network().state_dict()["classifier.0.weight"]).all().item<bool>(), "the steps changed nothing");
    }

    /// <summary>
    /// TorchSharp's own AdamW turns its doubles into finalizable scalars that nothing holds during the native call
    /// (see RootedScalars): a collection on another test's thread could free one mid-call and crash the test host.
    /// </summary>
    private static void WithoutCollections(Action action)
    {
        var paused = GC.TryStartNoGCRegion(16 << 20);
        try
        {
            action();
        }
        finally
        {
            if (paused && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
                GC.EndNoGCRegion();
        }
    }

    private static HarNetwork Network()
    {
        random.manual_seed(3);
        return HarNetwork.Create(new TinierHarOptions { ExtraBlocks = 1, Dropout = 0 }, windowLength: 16, channels: 3, classes: 4);
    }

    private static void TrainStep(HarNetwork network, int step, Action zeroGrad, Action update)
    {
        using var scope = NewDisposeScope();
        var generator = new Random(step);
        var x = tensor(Enumerable.Range(0, 8 * 16 * 3).Select(_ => (float)generator.NextDouble()).ToArray(), [8, 1, 16, 3]);
        var y = tensor(Enumerable.Range(0, 8).Select(i => (long)(i % 4)).ToArray());
        network.train();
        zeroGrad();
        nn.functional.cross_entropy(network.forward(x), y).backward();
        update();
    }
}
