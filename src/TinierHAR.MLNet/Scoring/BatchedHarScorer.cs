using System.Buffers;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// Scores many windows per ONNX Runtime call (ML.NET's OnnxTransformer makes one call per row), several batches at a
/// time. One instance may be shared by concurrent callers, as a web service would: ONNX Runtime's session runs
/// concurrently and every call uses its own buffers. <see cref="Dispose"/> waits for the calls in flight, and later
/// calls throw <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class BatchedHarScorer : IDisposable
{
    private readonly InferenceSession session;
    private readonly int batchSize;
    private readonly int concurrentBatches;
    private readonly ChannelNormalization? normalization;

    // ONNX Runtime frees the session at once on Dispose: a call still running on another thread would then read freed
    // native memory and crash the process (seen as segfaults in libonnxruntime on thread-pool workers).
    private readonly object gate = new();
    private int callsInFlight;
    private bool disposed;

    /// <summary>Loads an ONNX model written by this library.</summary>
    /// <param name="onnxModel">The model image.</param>
    /// <param name="options">Batching and threading.</param>
    /// <param name="normalization">
    /// Per-channel statistics applied to every window before the model, for a model trained on normalised windows
    /// whose file does not hold the normalisation itself (as in a model bundle).
    /// </param>
    public BatchedHarScorer(byte[] onnxModel, BatchedHarScorerOptions? options = null, ChannelNormalization? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        options ??= new BatchedHarScorerOptions();
        options.Validate();
        Metadata = HarModelMetadata.Read(onnxModel);
        normalization?.Validate(Metadata.Channels);
        if (normalization is not null && Metadata.NormalizationInGraph)
            throw new ArgumentException("The model normalises its input already; pass no normalisation.", nameof(normalization));
        this.normalization = normalization;
        using var settings = new SessionOptions { IntraOpNumThreads = options.IntraOpThreads, GraphOptimizationLevel = options.ResolvedGraphOptimization(Metadata.Network) };
        session = new InferenceSession(onnxModel, settings);
        batchSize = options.BatchSize;
        concurrentBatches = options.ResolvedConcurrentBatches;
    }

    /// <summary>The model's architecture, window shape and classes.</summary>
    public HarModelMetadata Metadata { get; }

    /// <summary>Values in one window: T × C.</summary>
    public int WindowSize => Metadata.WindowLength * Metadata.Channels;

    /// <summary>Windows that one call scores at full parallelism (batch size × concurrent batches): a good read-ahead.</summary>
    public int PreferredWindowsPerCall => batchSize * concurrentBatches;

    /// <summary>
    /// Class probabilities (the model's <c>Score</c>, K per window) of <paramref name="windows"/>, windows one after another,
    /// each T × C time-major; the windows are scored in batches of at most the configured size.
    /// </summary>
    public float[] Score(ReadOnlyMemory<float> windows)
    {
        if (windows.Length % WindowSize != 0)
            throw new ArgumentException($"{windows.Length} values are not a whole number of {Metadata.WindowLength} x {Metadata.Channels} windows.", nameof(windows));
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            callsInFlight++;
        }
        try
        {
            return ScoreBatches(windows);
        }
        finally
        {
            lock (gate)
            {
                if (--callsInFlight == 0)
                    Monitor.PulseAll(gate);
            }
        }
    }

    /// <inheritdoc cref="Score(ReadOnlyMemory{float})"/>
    public float[] Score(float[] windows) => Score(windows.AsMemory());

    /// <summary>Calls of <see cref="Score(ReadOnlyMemory{float})"/> running now.</summary>
    internal int CallsInFlight
    {
        get
        {
            lock (gate)
                return callsInFlight;
        }
    }

    private float[] ScoreBatches(ReadOnlyMemory<float> windows)
    {
        var count = windows.Length / WindowSize;
        var scores = new float[count * Metadata.Classes];
        var batches = (count + batchSize - 1) / batchSize;
        if (batches <= 1 || concurrentBatches == 1)
        {
            for (var b = 0; b < batches; b++) ScoreBatch(windows, b, count, scores);
        }
        else
        {
            // One worker per concurrent batch, each taking the next batch when done: Parallel.For over the batches
            // hands out growing chunks, which left one worker idle at the end (256-window batches: 76 against 61 ms
            // for 2,048 windows in the benchmark).
            var next = -1;
            Parallel.For(0, Math.Min(concurrentBatches, batches), new ParallelOptions { MaxDegreeOfParallelism = concurrentBatches }, _ =>
            {
                for (int b; (b = Interlocked.Increment(ref next)) < batches;)
                    ScoreBatch(windows, b, count, scores);
            });
        }
        return scores;
    }

    private void ScoreBatch(ReadOnlyMemory<float> windows, int batch, int count, float[] scores)
    {
        var start = batch * batchSize;
        var n = Math.Min(batchSize, count - start);
        var slice = windows.Slice(start * WindowSize, n * WindowSize);
        // The normalised copy comes from the shared pool: a batch's worth of floats per call was most of what scoring allocated.
        float[]? rented = null;
        try
        {
            Memory<float> input;
            if (normalization is null)
            {
                input = MemoryMarshal.AsMemory(slice);
            }
            else
            {
                rented = ArrayPool<float>.Shared.Rent(slice.Length);
                input = rented.AsMemory(0, slice.Length);
                normalization.Apply(slice.Span, input.Span);
            }
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(HarOnnxModelWriter.FeaturesName,
                new DenseTensor<float>(input, [n, Metadata.WindowLength, Metadata.Channels]))], [HarOnnxModelWriter.ScoreName]);
            var tensor = (DenseTensor<float>)results[0].AsTensor<float>();
            tensor.Buffer.Span.CopyTo(scores.AsSpan(start * Metadata.Classes, n * Metadata.Classes));
        }
        finally
        {
            if (rented is not null)
                ArrayPool<float>.Shared.Return(rented);
        }
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
            var start = Stopwatch.GetTimestamp();
            Score(window);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(times);
        return times[times.Length / 2];
    }

    /// <summary>Waits for the calls in flight to finish, then frees the ONNX Runtime session.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
                return;
            disposed = true;
            while (callsInFlight > 0)
                Monitor.Wait(gate);
        }
        session.Dispose();
    }
}
