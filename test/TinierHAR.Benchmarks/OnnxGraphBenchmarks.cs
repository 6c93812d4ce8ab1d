using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;
using TinierHAR.MLNet.Onnx;
using WindowTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace TinierHAR.Benchmarks;

/// <summary>
/// Our emitted TinierHAR graph against PyTorch's own export of the same weights, ONNX Runtime on one thread, at the
/// batch sizes the scorers use: 2,048 random windows (T 128, C 9) per invocation, in batches of <see cref="Batch"/>.
/// Each graph runs at ONNX Runtime's default level (All, which ML.NET's OnnxTransformer uses) and at Extended (the
/// batched scorer's level for TinierHAR); the baseline is PyTorch's export as a PyTorch user runs it, with defaults.
/// </summary>
public class OnnxGraphBenchmarks
{
    private const int Windows = 2048;

    private float[] windows = null!;
    private readonly Dictionary<string, InferenceSession> sessions = [];

    /// <summary>Windows per ONNX Runtime call.</summary>
    [Params(1, 64, 128, 512)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        windows = Enumerable.Range(0, Windows * PeerGraph.T * PeerGraph.C).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray();
        var ours = PeerGraph.OurGraph();
        var theirs = PeerGraph.TorchExport();
        foreach (var (name, model, level) in new[]
        {
            (nameof(TorchExportAll), theirs, GraphOptimizationLevel.ORT_ENABLE_ALL), (nameof(TorchExportExtended), theirs, GraphOptimizationLevel.ORT_ENABLE_EXTENDED),
            (nameof(OursAll), ours, GraphOptimizationLevel.ORT_ENABLE_ALL), (nameof(OursExtended), ours, GraphOptimizationLevel.ORT_ENABLE_EXTENDED),
        })
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, GraphOptimizationLevel = level };
            sessions[name] = new InferenceSession(model, options);
            ItemCounts.Set(name, Windows);
        }
    }

    [Benchmark(Baseline = true, Description = "PyTorch's export, ORT defaults (All)")]
    public float TorchExportAll() => Run(nameof(TorchExportAll), PeerGraph.InputName, "logits", image: true);

    [Benchmark(Description = "PyTorch's export, level Extended")]
    public float TorchExportExtended() => Run(nameof(TorchExportExtended), PeerGraph.InputName, "logits", image: true);

    [Benchmark(Description = "Ours, level All (ML.NET OnnxTransformer)")]
    public float OursAll() => Run(nameof(OursAll), HarOnnxModelWriter.FeaturesName, HarOnnxModelWriter.LogitsName, image: false);

    [Benchmark(Description = "Ours, level Extended (BatchedHarScorer)")]
    public float OursExtended() => Run(nameof(OursExtended), HarOnnxModelWriter.FeaturesName, HarOnnxModelWriter.LogitsName, image: false);

    private float Run(string session, string input, string output, bool image)
    {
        var sum = 0f;
        for (var start = 0; start < Windows; start += Batch)
        {
            var values = windows.AsMemory(start * PeerGraph.T * PeerGraph.C, Batch * PeerGraph.T * PeerGraph.C);
            var tensor = image ? new WindowTensor(values, [Batch, 1, PeerGraph.T, PeerGraph.C]) : new WindowTensor(values, [Batch, PeerGraph.T, PeerGraph.C]);
            using var results = sessions[session].Run([NamedOnnxValue.CreateFromTensor(input, tensor)], [output]);
            sum += results[0].AsTensor<float>()[0, 0];
        }
        return sum;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var session in sessions.Values) session.Dispose();
        sessions.Clear();
    }
}
