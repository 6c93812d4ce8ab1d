using System.Runtime.InteropServices;
using Onnx;
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
    /// windows of 64 × 6 (the synthetic IMU's channels) and its six activities, initialised from seed 1, exported: the
    /// same graph, and every weight equal within float rounding (the initial BatchNorm statistics come from one
    /// training-mode pass, whose sums libtorch splits by its thread count). Where the export changes on purpose, the
    /// fresh one is written beside the test results to be copied over the fixture.
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
        var advice = $"if the export changed on purpose, copy {fresh} to {fixture}";

        var (expected, committed) = (ModelProto.Parser.ParseFrom(exported).Graph, ModelProto.Parser.ParseFrom(File.ReadAllBytes(fixture)).Graph);
        CollectionAssert.AreEqual(expected.Node.Select(n => n.ToString()).ToArray(), committed.Node.Select(n => n.ToString()).ToArray(), $"the same graph; {advice}");
        CollectionAssert.AreEqual(expected.Initializer.Select(i => (i.Name, string.Join('x', i.Dims))).ToArray(), committed.Initializer.Select(i => (i.Name, string.Join('x', i.Dims))).ToArray(), advice);
        foreach (var (ours, theirs) in expected.Initializer.Zip(committed.Initializer))
        {
            var (a, b) = (Values(ours), Values(theirs));
            Assert.HasCount(a.Length, b);
            Assert.IsLessThanOrEqualTo(1e-6f, a.Zip(b).Select(p => Math.Abs(p.First - p.Second)).DefaultIfEmpty().Max(), $"{ours.Name}; {advice}");
        }
    }

    private static float[] Values(TensorProto tensor) => tensor.DataType switch
    {
        (int)TensorProto.Types.DataType.Float => tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : tensor.FloatData.ToArray(),
        _ => tensor.RawData.Length > 0 ? tensor.RawData.Span.ToArray().Select(v => (float)v).ToArray() : tensor.Int64Data.Select(v => (float)v).ToArray(),
    };
}
