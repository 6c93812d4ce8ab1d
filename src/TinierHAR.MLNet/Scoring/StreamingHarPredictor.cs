using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// For live wearables: accepts samples one at a time or in chunks and returns a prediction each time a window
/// completes (after the first T samples, then every step), with the bundle's window length, step and channel order.
/// Memory is one window. Not thread-safe: one predictor per stream.
/// </summary>
public sealed class StreamingHarPredictor : IDisposable
{
    private readonly BundleManifest manifest;
    private readonly PredictionEngine<WindowInput, WindowOutput> engine;
    private readonly float[] ring;
    private readonly int t, c, step;
    private readonly WindowInput input;
    private int head;
    private long received;

    /// <summary>Creates a predictor for <paramref name="bundle"/>'s model.</summary>
    public StreamingHarPredictor(MLContext ml, HarModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(bundle);
        manifest = bundle.Manifest;
        (t, c, step) = (manifest.WindowLength, manifest.ChannelNames.Count, manifest.WindowStep);
        var schema = SchemaDefinition.Create(typeof(WindowInput));
        schema[nameof(WindowInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, t, c);
        engine = ml.Model.CreatePredictionEngine<WindowInput, WindowOutput>(bundle.Model, inputSchemaDefinition: schema);
        ring = new float[t * c];
        input = new WindowInput { Features = new float[t * c] };
    }

    /// <summary>Samples received so far.</summary>
    public long SamplesReceived => received;

    /// <summary>Adds one sample (C values in the bundle's channel order); returns a prediction when a window completes.</summary>
    public StreamingPrediction? Push(ReadOnlySpan<float> sample)
    {
        if (sample.Length != c)
            throw new ArgumentException($"A sample has {c} channel values ({string.Join(", ", manifest.ChannelNames)}); got {sample.Length}.", nameof(sample));
        for (var i = 0; i < c; i++)
        {
            if (!float.IsFinite(sample[i]))
                throw new ArgumentException($"Sample {received}: channel '{manifest.ChannelNames[i]}' is {sample[i]}.", nameof(sample));
        }
        sample.CopyTo(ring.AsSpan(head * c, c));
        head = (head + 1) % t;
        received++;
        if (received < t || (received - t) % step != 0)
            return null;

        for (var i = 0; i < t; i++)
            Array.Copy(ring, ((head + i) % t) * c, input.Features, i * c, c);
        var output = engine.Predict(input);
        var scores = output.Score.ToArray();
        var argMax = new ScoreArgMaxMapping.Output();
        ScoreArgMaxMapping.Map(new ScoreArgMaxMapping.Input { Score = scores }, argMax);
        return new StreamingPrediction(received - t, received - 1, manifest.ClassNames[(int)argMax.PredictedIndex], scores);
    }

    /// <summary>Adds a chunk of samples (time-major, C values each) and returns the predictions of the windows it completes.</summary>
    public IReadOnlyList<StreamingPrediction> PushChunk(ReadOnlySpan<float> samples)
    {
        if (samples.Length % c != 0)
            throw new ArgumentException($"A chunk holds whole samples of {c} values; got {samples.Length} values.", nameof(samples));
        var predictions = new List<StreamingPrediction>();
        for (var offset = 0; offset < samples.Length; offset += c)
        {
            if (Push(samples.Slice(offset, c)) is { } prediction)
                predictions.Add(prediction);
        }
        return predictions;
    }

    /// <inheritdoc />
    public void Dispose() => engine.Dispose();

    private sealed class WindowInput
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class WindowOutput
    {
        public float[] Score { get; set; } = [];
    }
}
