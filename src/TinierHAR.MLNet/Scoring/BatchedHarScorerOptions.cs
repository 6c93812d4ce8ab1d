using Microsoft.ML.OnnxRuntime;
using TinierHAR.MLNet.Architectures;

namespace TinierHAR.MLNet.Scoring;

/// <summary>Options of <see cref="BatchedHarScorer"/>.</summary>
public class BatchedHarScorerOptions
{
    /// <summary>
    /// Most windows per ONNX Runtime call. 64–128 scored fastest on two cores; 256 was about 7 % slower, because two
    /// batches side by side then share the cache (see the benchmarks).
    /// </summary>
    public int BatchSize { get; set; } = 128;

    /// <summary>
    /// Batches scored at the same time, each on its own thread; 0 means one per processor. Running whole batches side
    /// by side beats splitting each operator across threads for networks this small (see the benchmarks).
    /// </summary>
    public int ConcurrentBatches { get; set; }

    /// <summary>Threads ONNX Runtime uses inside one call; 0 lets it choose (one per core).</summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// ONNX Runtime's graph optimisation level; null chooses by network. TinierHAR gets Extended: level All adds the
    /// NCHWc layout pass, which pads TinierHAR's 4–8 filters to 16-channel blocks and reorders the tensor around every
    /// residual Add, and scored about 1.3x slower at batch 128. TinyHAR and DeepConvLSTM get All: DeepConvLSTM's 64
    /// filters gain from NCHWc (about 1.4x), TinyHAR neither gains nor loses (see the window-scoring benchmark).
    /// </summary>
    public GraphOptimizationLevel? GraphOptimization { get; set; }

    /// <summary>Checks the options, naming the offending one.</summary>
    public void Validate()
    {
        OptionRules.Require(BatchSize >= 1, nameof(BatchSize), $"must be at least 1 (got {BatchSize}).");
        OptionRules.Require(ConcurrentBatches >= 0, nameof(ConcurrentBatches), $"must not be negative (got {ConcurrentBatches}).");
        OptionRules.Require(IntraOpThreads >= 0, nameof(IntraOpThreads), $"must not be negative (got {IntraOpThreads}).");
    }

    /// <summary>The batches one <see cref="BatchedHarScorer.Score(ReadOnlyMemory{float})"/> call runs side by side.</summary>
    internal int ResolvedConcurrentBatches => ConcurrentBatches == 0 ? Environment.ProcessorCount : ConcurrentBatches;

    /// <summary>The graph optimisation level for a model of <paramref name="network"/>.</summary>
    public GraphOptimizationLevel ResolvedGraphOptimization(HarNetworkOptions network) =>
        GraphOptimization ?? (network is TinierHarOptions ? GraphOptimizationLevel.ORT_ENABLE_EXTENDED : GraphOptimizationLevel.ORT_ENABLE_ALL);
}
