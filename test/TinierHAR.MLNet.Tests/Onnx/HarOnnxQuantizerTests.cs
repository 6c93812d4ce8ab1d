using Microsoft.ML.OnnxRuntime;
using Onnx;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Onnx;

/// <summary>
/// The int8 QDQ form of the authors' trained TinierHAR (MHEALTH, 23 channels, 12 classes): well-formed for ONNX
/// Runtime's integer kernels, close to the float32 model's outputs, deterministic, and marked as quantised.
/// </summary>
[TestClass]
public sealed class HarOnnxQuantizerTests
{
    private const string Trained = "tinierhar-mhealth-trained";

    public TestContext TestContext { get; set; } = null!;

    /// <summary>The model quantised on the first half of the fixture's windows (its calibration set); the second half,
    /// which calibration never saw, is returned for comparisons.</summary>
    private static (byte[] Float32, byte[] Int8, float[] Calibration, float[] HeldOut, int Batch, GoldenFixture Fixture) Quantize()
    {
        var fixture = GoldenFixture.Load(Trained);
        var model = fixture.OnnxModel(Enumerable.Range(0, fixture.Classes).Select(i => $"activity-{i}").ToArray());
        var input = fixture.Input();
        var windows = input.ToSingles();
        var half = (int)input.Shape[0] / 2 * fixture.Window * fixture.Channels;
        var (calibration, heldOut) = (windows[..half], windows[half..]);
        return (model, HarOnnxQuantizer.QuantizeInt8(model, calibration), calibration, heldOut, heldOut.Length / (fixture.Window * fixture.Channels), fixture);
    }

    [TestMethod]
    public void The_int8_model_predicts_as_the_float32_model_does_on_windows_calibration_did_not_see()
    {
        var (float32, int8, _, windows, batch, fixture) = Quantize();
        var reference = OnnxRun.Output(float32, windows, batch, fixture.Window, fixture.Channels, HarOnnxModelWriter.ScoreName);
        var quantized = OnnxRun.Output(int8, windows, batch, fixture.Window, fixture.Channels, HarOnnxModelWriter.ScoreName);
        var k = fixture.Classes;
        var agree = Enumerable.Range(0, batch).Count(w => ScoreArgMaxMapping.ArgMax(reference.AsSpan(w * k, k)) == ScoreArgMaxMapping.ArgMax(quantized.AsSpan(w * k, k)));
        var largest = reference.Zip(quantized, (a, b) => Math.Abs(a - b)).Max();
        TestContext.WriteLine($"{batch} windows: the int8 model's class agrees on {agree}; largest probability difference {largest:0.0000}; {float32.Length:N0} → {int8.Length:N0} bytes");
        Assert.IsGreaterThanOrEqualTo(batch - 1, agree, "at most one window changes class");
        Assert.IsLessThan(0.1, largest, "probabilities within 0.1");
        Assert.IsGreaterThan(0, largest, "the int8 model is not the float32 model");
        RepositoryDocuments.AssertQuotedIn("docs/networks-and-onnx.md",
            $"on the authors' trained MHEALTH model, calibrated on half of its {fixture.Input().Shape[0]} test windows: {agree} of the other {batch} keep their class");
    }

    [TestMethod]
    public void Every_convolution_and_dense_layer_gets_int8_weights_and_onnx_runtime_fuses_them()
    {
        var (float32, int8, _, _, _, _) = Quantize();
        var before = ModelProto.Parser.ParseFrom(float32).Graph;
        var after = ModelProto.Parser.ParseFrom(int8).Graph;
        var initializers = after.Initializer.ToDictionary(t => t.Name);
        var producers = after.Node.SelectMany(n => n.Output.Select(o => (o, n))).ToDictionary(p => p.o, p => p.n);
        var targets = after.Node.Where(n => n.OpType is "Conv" or "MatMul" or "Gemm").ToArray();
        Assert.AreEqual(before.Node.Count(n => n.OpType is "Conv" or "MatMul" or "Gemm"), targets.Length, "no node lost");
        foreach (var node in targets.Where(n => producers.ContainsKey(n.Input[1]) || initializers.ContainsKey(n.Input[1])))
        {
            Assert.IsTrue(producers.TryGetValue(node.Input[1], out var weights) && weights.OpType == "DequantizeLinear", $"{node.Name}: weights dequantised");
            Assert.AreEqual((int)TensorProto.Types.DataType.Int8, initializers[weights.Input[0]].DataType, $"{node.Name}: int8 weights");
            Assert.AreEqual("DequantizeLinear", producers[node.Input[0]].OpType, $"{node.Name}: input through Q/DQ");
        }
        Assert.IsTrue(after.Node.Any(n => n.OpType == "GRU"), "the recurrent layer stays");

        var optimized = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}-optimized.onnx");
        using (var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, OptimizedModelFilePath = optimized })
        using (new InferenceSession(int8, options)) { }
        var fused = ModelProto.Parser.ParseFrom(File.ReadAllBytes(optimized)).Graph.Node.Select(n => n.OpType).ToArray();
        File.Delete(optimized);
        TestContext.WriteLine(string.Join(", ", fused.GroupBy(o => o).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.AreEqual(targets.Count(n => n.OpType == "Conv"), fused.Count(o => o == "QLinearConv"), "ONNX Runtime runs every convolution in int8");
    }

    [TestMethod]
    public void The_same_model_and_windows_give_the_same_bytes_and_the_model_says_it_is_quantised()
    {
        var (float32, int8, calibration, _, _, _) = Quantize();
        CollectionAssert.AreEqual(int8, HarOnnxQuantizer.QuantizeInt8(float32, calibration));
        Assert.IsNull(HarModelMetadata.Read(float32).Quantization);
        var metadata = HarModelMetadata.Read(int8);
        var graph = ModelProto.Parser.ParseFrom(float32).Graph;
        StringAssert.StartsWith(metadata.Quantization,
            $"int8 QDQ: {graph.Node.Count(n => n.OpType == "Conv")} Conv and {graph.Node.Count(n => n.OpType is "MatMul" or "Gemm")} MatMul/Gemm with int8 per-channel weights");
        CollectionAssert.AreEqual(HarModelMetadata.Read(float32).ToProperties().ToList(),
            metadata.ToProperties().Where(p => !p.Key.EndsWith(".quantization", StringComparison.Ordinal)).ToList(), "the rest of the metadata is kept");
    }

    [TestMethod]
    public void A_quantised_model_or_a_partial_window_is_refused()
    {
        var (float32, int8, windows, _, _, _) = Quantize();
        var twice = Assert.ThrowsExactly<ArgumentException>(() => HarOnnxQuantizer.QuantizeInt8(int8, windows));
        StringAssert.Contains(twice.Message, "quantised already");
        var partial = Assert.ThrowsExactly<ArgumentException>(() => HarOnnxQuantizer.QuantizeInt8(float32, windows.AsMemory(0, windows.Length - 1)));
        StringAssert.Contains(partial.Message, "not a positive whole number of");
    }
}
