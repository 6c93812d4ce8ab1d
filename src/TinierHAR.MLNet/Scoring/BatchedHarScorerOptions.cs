namespace TinierHAR.MLNet.Scoring;

/// <summary>Options of <see cref="BatchedHarScorer"/>.</summary>
public sealed class BatchedHarScorerOptions
{
    /// <summary>Most windows per ONNX Runtime call.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Threads ONNX Runtime uses inside one call; 0 lets it choose (one per core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Checks the options, naming the offending one.</summary>
    public void Validate()
    {
        if (BatchSize < 1)
            throw new ArgumentException($"Invalid option '{nameof(BatchSize)}': must be at least 1 (got {BatchSize}).", nameof(BatchSize));
        if (IntraOpThreads < 0)
            throw new ArgumentException($"Invalid option '{nameof(IntraOpThreads)}': must not be negative (got {IntraOpThreads}).", nameof(IntraOpThreads));
    }
}
