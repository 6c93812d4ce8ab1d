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

    /// <summary>Checks the options, naming the offending one.</summary>
    public void Validate()
    {
        OptionRules.Require(BatchSize >= 1, nameof(BatchSize), $"must be at least 1 (got {BatchSize}).");
        OptionRules.Require(ConcurrentBatches >= 0, nameof(ConcurrentBatches), $"must not be negative (got {ConcurrentBatches}).");
        OptionRules.Require(IntraOpThreads >= 0, nameof(IntraOpThreads), $"must not be negative (got {IntraOpThreads}).");
    }

    /// <summary>The batches one <see cref="BatchedHarScorer.Score(ReadOnlyMemory{float})"/> call runs side by side.</summary>
    internal int ResolvedConcurrentBatches => ConcurrentBatches == 0 ? Environment.ProcessorCount : ConcurrentBatches;
}
