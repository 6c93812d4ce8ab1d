using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;
using TinierHAR.Trainer.Checkpoints;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Onnx;
using static TorchSharp.torch;
using WindowTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;

namespace TinierHAR.Benchmarks;

/// <summary>
/// (a) Windows per second at the UCI-HAR shape (T 128, C 9, K 6), TinierHAR with the paper's defaults: ML.NET's
/// OnnxTransformer (one ONNX Runtime call per row, the baseline), the batched scorer, ONNX Runtime called directly
/// with the scorer's batches on as many threads (the ceiling for the scorer's own overhead), the same for PyTorch's own
/// export of the same weights (the peer graph), and TorchSharp's forward. The weights are the golden fixture's.
/// </summary>
public class WindowScoringBenchmarks
{
    private const int Windows = 2048, T = 128, C = 9, K = 6;

    private HarNetwork network = null!;
    private float[] windows = null!;
    private IDataView rows = null!;
    private TransformerChain<ITransformer> perRow = null!;
    private BatchedHarScorer batched = null!;
    private InferenceSession session = null!;
    private InferenceSession peer = null!;
    private Tensor input = null!;

    [GlobalSetup]
    public void Setup()
    {
        manual_seed(1);
        network = HarNetwork.Create(new TinierHarOptions(), T, C, K);
        CheckpointImporter.Load(network, PeerGraph.WeightsPath);
        network.eval();
        var classes = Enumerable.Range(0, K).Select(i => $"class{i}").ToArray();
        var onnx = HarOnnxExporter.Export(network, new HarOnnxExportOptions { ClassNames = classes });
        var random = new Random(1);
        windows = Enumerable.Range(0, Windows * T * C).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray();
        var ml = new MLContext(1);
        var schema = SchemaDefinition.Create(typeof(WindowRow));
        schema[nameof(WindowRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, T, C);
        rows = ml.Data.Cache(ml.Data.LoadFromEnumerable(Enumerable.Range(0, Windows).Select(w => new WindowRow { Features = windows[(w * T * C)..((w + 1) * T * C)] }), schema));
        perRow = ScoringChain.Build(onnx, classes, "Features", rows);
        batched = new BatchedHarScorer(onnx);
        var scorerLevel = new BatchedHarScorerOptions().ResolvedGraphOptimization(new TinierHarOptions());
        using (var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = scorerLevel })
        {
            session = new InferenceSession(onnx, options);
            peer = new InferenceSession(PeerGraph.TorchExport(), options);
        }
        input = tensor(windows, [Windows, 1, T, C]);
        foreach (var method in new[] { nameof(OnnxTransformerPerRow), nameof(BatchedScorer), nameof(OnnxRuntimeDirect), nameof(TorchExportDirect), nameof(TorchSharpForward) })
            ItemCounts.Set(method, Windows);
    }

    [Benchmark(Baseline = true, Description = "ML.NET OnnxTransformer, one call per window")]
    public float OnnxTransformerPerRow()
    {
        var scored = perRow.Transform(rows);
        using var cursor = scored.GetRowCursor([scored.Schema["Score"]]);
        var getter = cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"]);
        VBuffer<float> score = default;
        var sum = 0f;
        while (cursor.MoveNext())
        {
            getter(ref score);
            sum += score.GetValues()[0];
        }
        return sum;
    }

    [Benchmark(Description = "BatchedHarScorer (128 per call, batches side by side)")]
    public float BatchedScorer() => batched.Score(windows)[0];

    [Benchmark(Description = "ONNX Runtime alone (128 per call, one thread per core, fixed shares)")]
    public float OnnxRuntimeDirect() => RunDirect(session, HarOnnxModelWriter.FeaturesName, HarOnnxModelWriter.ScoreName, image: false);

    [Benchmark(Description = "ONNX Runtime on PyTorch's export (the same batches and threads)")]
    public float TorchExportDirect() => RunDirect(peer, PeerGraph.InputName, "logits", image: true);

    private float RunDirect(InferenceSession graph, string input, string output, bool image)
    {
        var batch = new BatchedHarScorerOptions().BatchSize;
        var threads = Environment.ProcessorCount;
        var sums = new float[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread =>
        {
            for (var start = thread * batch; start < Windows; start += threads * batch)
            {
                var n = Math.Min(batch, Windows - start);
                var values = windows.AsMemory(start * T * C, n * T * C);
                var features = image ? new WindowTensor(values, [n, 1, T, C]) : new WindowTensor(values, [n, T, C]);
                using var results = graph.Run([NamedOnnxValue.CreateFromTensor(input, features)], [output]);
                sums[thread] += results[0].AsTensor<float>()[0, 0];
            }
        });
        return sums.Sum();
    }

    [Benchmark(Description = "TorchSharp forward (eval, no grad, 256 per call)")]
    public float TorchSharpForward()
    {
        using var noGrad = no_grad();
        var sum = 0f;
        for (var start = 0; start < Windows; start += 256)
        {
            using var scope = NewDisposeScope();
            sum += network.forward(input.narrow(0, start, 256)).softmax(1)[0, 0].item<float>();
        }
        return sum;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        batched.Dispose();
        session.Dispose();
        peer.Dispose();
        input.Dispose();
        network.Dispose();
    }

    private sealed class WindowRow
    {
        public float[] Features { get; set; } = [];
    }
}
