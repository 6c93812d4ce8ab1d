using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Onnx;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Onnx;

namespace TinierHAR.Trainer.Tests.Onnx;

/// <summary>Where the MLNet tests' scoring network comes from: they score without TorchSharp, so it is committed.</summary>
[TestClass]
public sealed class ScoringFixtureTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>
    /// <c>test/TinierHAR.MLNet.Tests/Scoring/Fixtures/tinierhar-t64-c6-k6.onnx</c> is a TinierHAR of 8 recurrent units for
    /// windows of 64 × 6 (the synthetic IMU's channels) and its six activities, initialised from seed 1, exported. Where
    /// the export changes on purpose, the fresh one is written beside the test results to be copied over the fixture.
    /// </summary>
    [TestMethod]
    public void The_MLNet_tests_scoring_network_is_the_seeded_export()
    {
        TorchSharp.torch.random.manual_seed(1);
        using var network = HarNetwork.Create(new TinierHarOptions { RecurrentUnits = 8 }, 64, ImuSample.ChannelNames.Count, SyntheticImuGenerator.Activities.Count);
        network.eval();
        var exported = HarOnnxExporter.Export(network, new HarOnnxExportOptions { ClassNames = SyntheticImuGenerator.Activities, ChannelNames = ImuSample.ChannelNames });
        var fixture = Path.Combine(SharedData.RepositoryRoot, "test", "TinierHAR.MLNet.Tests", "Scoring", "Fixtures", "tinierhar-t64-c6-k6.onnx");
        var fresh = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), "tinierhar-t64-c6-k6.onnx");
        File.WriteAllBytes(fresh, exported);
        Assert.IsTrue(File.Exists(fixture) && File.ReadAllBytes(fixture).AsSpan().SequenceEqual(exported),
            $"the committed fixture is not this export; if the export changed on purpose, copy {fresh} to {fixture}");
    }
}
