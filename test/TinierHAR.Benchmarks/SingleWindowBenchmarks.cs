using BenchmarkDotNet.Attributes;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Scoring;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Onnx;
using static TorchSharp.torch;

namespace TinierHAR.Benchmarks;

/// <summary>
/// The edge-device number: latency of one window alone (T 128, C 9, K 6, TinierHAR), ONNX Runtime on one thread
/// against TorchSharp's forward (the baseline) on one thread.
/// </summary>
public class SingleWindowBenchmarks
{
    private const int T = 128, C = 9, K = 6;

    private HarNetwork network = null!;
    private float[] window = null!;
    private BatchedHarScorer scorer = null!;
    private Tensor input = null!;
    private int torchThreads;

    [GlobalSetup]
    public void Setup()
    {
        manual_seed(1);
        network = HarNetwork.Create(new TinierHarOptions(), T, C, K);
        network.eval();
        scorer = new BatchedHarScorer(HarOnnxExporter.Export(network), new BatchedHarScorerOptions { BatchSize = 1, ConcurrentBatches = 1, IntraOpThreads = 1 });
        var random = new Random(2);
        window = Enumerable.Range(0, T * C).Select(_ => (float)random.NextDouble()).ToArray();
        input = tensor(window, [1, 1, T, C]);
        torchThreads = get_num_threads();
        set_num_threads(1);
    }

    [Benchmark(Baseline = true, Description = "TorchSharp forward, one window, 1 thread")]
    public float TorchSharpOneWindow()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return network.forward(input).softmax(1)[0, 0].item<float>();
    }

    [Benchmark(Description = "ONNX Runtime (BatchedHarScorer), one window, 1 thread")]
    public float OnnxRuntimeOneWindow() => scorer.Score(window)[0];

    [GlobalCleanup]
    public void Cleanup()
    {
        set_num_threads(torchThreads);
        scorer.Dispose();
        input.Dispose();
        network.Dispose();
    }
}
