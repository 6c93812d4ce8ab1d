using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// Scores many windows per ONNX Runtime call (ML.NET's OnnxTransformer makes one call per row). One instance may be
/// shared by concurrent callers, as a web service would: ONNX Runtime's session runs concurrently and every call
/// uses its own buffers.
/// </summary>
public sealed class BatchedHarScorer : IDisposable
{
    private readonly InferenceSession session;
    private readonly int batchSize;

    /// <summary>Loads an ONNX model written by this library.</summary>
    public BatchedHarScorer(byte[] onnxModel, BatchedHarScorerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        options ??= new BatchedHarScorerOptions();
        options.Validate();
        Metadata = HarModelMetadata.Read(onnxModel);
        using var settings = new SessionOptions { IntraOpNumThreads = options.IntraOpThreads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        session = new InferenceSession(onnxModel, settings);
        batchSize = options.BatchSize;
    }

    /// <summary>The model's architecture, window shape and classes.</summary>
    public HarModelMetadata Metadata { get; }

    /// <summary>Values in one window: T × C.</summary>
    public int WindowSize => Metadata.WindowLength * Metadata.Channels;

    /// <summary>
    /// Class probabilities (the model's <c>Score</c>, K per window) of <paramref name="windows"/>, windows one after another,
    /// each T × C time-major; the windows are scored in batches of at most the configured size.
    /// </summary>
    public float[] Score(ReadOnlySpan<float> windows)
    {
        if (windows.Length % WindowSize != 0)
            throw new ArgumentException($"{windows.Length} values are not a whole number of {Metadata.WindowLength} x {Metadata.Channels} windows.", nameof(windows));
        var count = windows.Length / WindowSize;
        var scores = new float[count * Metadata.Classes];
        for (var start = 0; start < count; start += batchSize)
        {
            var n = Math.Min(batchSize, count - start);
            var input = new DenseTensor<float>(windows.Slice(start * WindowSize, n * WindowSize).ToArray(), [n, Metadata.WindowLength, Metadata.Channels]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(HarOnnxModelWriter.FeaturesName, input)], [HarOnnxModelWriter.ScoreName]);
            results[0].AsTensor<float>().ToArray().CopyTo(scores, start * Metadata.Classes);
        }
        return scores;
    }

    /// <summary>
    /// Median wall-clock milliseconds of scoring one window alone (the edge-device number), over
    /// <paramref name="repetitions"/> calls after a warm-up; the window is zeros, which costs the same as real data.
    /// </summary>
    public double MeasureSingleWindowMilliseconds(int repetitions = 50)
    {
        var window = new float[WindowSize];
        for (var i = 0; i < 5; i++) Score(window);
        var times = new double[Math.Max(1, repetitions)];
        for (var i = 0; i < times.Length; i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            Score(window);
            times[i] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }

    /// <inheritdoc />
    public void Dispose() => session.Dispose();
}
