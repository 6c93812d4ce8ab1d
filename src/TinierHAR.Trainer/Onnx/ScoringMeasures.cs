namespace TinierHAR.Trainer.Onnx;

/// <summary>How one model scores the test windows: accuracy, file size and speed, measured the same way for each.</summary>
/// <param name="MacroF1">Test macro F1.</param>
/// <param name="Accuracy">Test accuracy.</param>
/// <param name="ModelBytes">Bytes of the ONNX file.</param>
/// <param name="LatencyMs">One window alone: median of 50 calls, ONNX Runtime on one thread.</param>
/// <param name="WindowsPerSecond">The test windows in batches of <see cref="Int8Comparison.ThroughputBatch"/> on one thread (the best of 3 passes).</param>
public sealed record ScoringMeasures(double MacroF1, double Accuracy, long ModelBytes, double LatencyMs, double WindowsPerSecond)
{
    /// <summary>Each test window's predicted class, in the windows' order: what the metrics were computed from.</summary>
    public IReadOnlyList<string> PredictedClasses { get; init; } = [];
}
