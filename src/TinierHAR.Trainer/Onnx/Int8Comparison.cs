using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Trainer.Onnx;

/// <summary>
/// A trained model against its int8 QDQ form (<see cref="HarOnnxQuantizer"/>, calibrated on training windows): the
/// same test windows scored by each through the batched scorer, with the same timing.
/// </summary>
/// <param name="FullPrecision">The trained float32 model.</param>
/// <param name="Quantized">Its int8 form.</param>
/// <param name="QuantizedModel">The int8 ONNX model.</param>
public sealed record Int8Comparison(ScoringMeasures FullPrecision, ScoringMeasures Quantized, byte[] QuantizedModel)
{
    /// <summary>Most training windows the activation ranges are calibrated on (evenly spaced over the set).</summary>
    public const int CalibrationWindows = 1024;

    /// <summary>Windows per call when throughput is measured (on one thread).</summary>
    public const int ThroughputBatch = 128;

    /// <summary>
    /// Quantises the network of <paramref name="model"/> (normalisation, then the trained network) with ranges from
    /// <paramref name="trainWindows"/>, and measures both forms on <paramref name="testWindows"/>.
    /// </summary>
    /// <param name="model">The fitted chain; every transformer before the last prepares the network's input.</param>
    /// <param name="trainWindows">The training windows, as the chain takes them.</param>
    /// <param name="testWindows">The test windows, with key-typed labels.</param>
    /// <param name="featureColumnName">The windows' column.</param>
    /// <param name="labelColumnName">The label column.</param>
    public static Int8Comparison Measure(TransformerChain<TinierHarModel> model, IDataView trainWindows, IDataView testWindows,
        string featureColumnName = "Features", string labelColumnName = "Label")
    {
        ArgumentNullException.ThrowIfNull(model);
        var network = model.LastTransformer;
        var prepare = new TransformerChain<ITransformer>(model.Take(model.Count() - 1).ToArray());
        var (train, _, _) = WindowReader.Read(prepare.Transform(trainWindows), featureColumnName, labelColumnName);
        var (test, classNames, _) = WindowReader.Read(prepare.Transform(testWindows), featureColumnName, labelColumnName, network.Metadata.Classes);
        var int8 = HarOnnxQuantizer.QuantizeInt8(network.OnnxModel, CalibrationSample(train));
        return new Int8Comparison(Score(network.OnnxModel, test, classNames), Score(int8, test, classNames), int8);
    }

    /// <summary>The two models side by side, as a Markdown table.</summary>
    public string ToMarkdown()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| model | macro F1 | accuracy | ONNX bytes | latency (ms, 1 window, 1 thread) | windows/s (batches of {ThroughputBatch}, 1 thread) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (name, m) in new[] { ("float32", FullPrecision), ("int8 QDQ", Quantized) })
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {m.MacroF1:0.0000} | {m.Accuracy:0.0000} | {m.ModelBytes:N0} | {m.LatencyMs:0.000} | {m.WindowsPerSecond:N0} |"));
        return text.ToString();
    }

    /// <summary>Up to <see cref="CalibrationWindows"/> windows, evenly spaced, so that every part of the set is seen.</summary>
    private static float[] CalibrationSample(TrainingWindows windows)
    {
        var size = windows.WindowLength * windows.Channels;
        var count = Math.Min(CalibrationWindows, windows.Count);
        var sample = new float[count * size];
        for (var i = 0; i < count; i++)
            Array.Copy(windows.Features, (long)i * windows.Count / count * size, sample, (long)i * size, size);
        return sample;
    }

    private static ScoringMeasures Score(byte[] onnx, TrainingWindows test, IReadOnlyList<string> classNames)
    {
        using var scorer = new BatchedHarScorer(onnx, new BatchedHarScorerOptions { BatchSize = ThroughputBatch, ConcurrentBatches = 1, IntraOpThreads = 1 });
        var scores = scorer.Score(test.Features);
        var best = double.MaxValue;
        for (var pass = 0; pass < 3; pass++)
        {
            var clock = Stopwatch.StartNew();
            scorer.Score(test.Features);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        var k = classNames.Count;
        var predicted = Enumerable.Range(0, test.Count).Select(w => ScoreArgMaxMapping.ArgMax(scores.AsSpan(w * k, k))).ToArray();
        var metrics = HarMetrics.FromIndices(classNames, test.Labels.Select((truth, w) => (truth, predicted[w])));
        double latency;
        using (var single = new BatchedHarScorer(onnx, new BatchedHarScorerOptions { BatchSize = 1, ConcurrentBatches = 1, IntraOpThreads = 1 }))
            latency = single.MeasureSingleWindowMilliseconds();
        return new ScoringMeasures(metrics.MacroF1, metrics.Accuracy, onnx.LongLength, latency, test.Count / best)
        {
            PredictedClasses = predicted.Select(c => classNames[c]).ToArray(),
        };
    }
}
