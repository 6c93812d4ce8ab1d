using System.Diagnostics;
using Microsoft.ML;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.MLNet.Scoring;
using TinierHAR.Trainer.Experiments;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Quickstart;

/// <summary>The quickstart, step by step, as an ML.NET user would write it.</summary>
public static class QuickstartRun
{
    /// <summary>Runs the quickstart, writing its report to <paramref name="console"/>; returns the exit code.</summary>
    public static int Run(QuickstartSettings settings, TextWriter console)
    {
        var clock = Stopwatch.StartNew();
        var (epochs, seed, output) = (settings.Epochs, settings.Seed, settings.Output);
        var ml = new MLContext(seed);
        output.Create();

        // 1–4. Samples (synthetic, or the CSV logs of --data), windows, normalisation, TinierHAR, held-out metrics.
        var source = settings.Data is { } data
            ? SampleSource.Csv(ml, data, settings.CsvColumns(), settings.Rate)
            : SampleSource.Synthetic(ml, settings.Subjects, seed);
        console.WriteLine(settings.Data is null ? $"data: {settings.Subjects} synthetic subjects at {source.Rate} Hz" : $"data: {settings.Data}");
        using var run = HoldOutExperiment.Run(ml, source, epochs, seed, new ConsoleProgress(console));
        var window = run.Windowing.ResolvedWindowLength;
        var complexity = ModelComplexity.Of(new TinierHarOptions(), window, source.Channels.Count, run.Metrics.ClassNames.Count);
        console.WriteLine($"TinierHAR: {complexity.Parameters:N0} parameters, {complexity.Macs:N0} MACs per window ({complexity.Float32SizeBytes:N0} bytes fp32)");
        console.WriteLine($"training windows: {run.Reports.Train}");
        console.WriteLine($"test windows:     {run.Reports.Test}");
        var metrics = run.Metrics;
        console.WriteLine();
        console.WriteLine($"held-out subjects {string.Join(", ", run.HeldOutSubjects)}: {metrics.Count} windows");
        console.WriteLine($"accuracy {metrics.Accuracy:F3}   macro F1 {metrics.MacroF1:F3}   weighted F1 {metrics.WeightedF1:F3}");
        console.WriteLine(HarMetricsText.PerClass(metrics));
        console.WriteLine(HarMetricsText.Confusion(metrics));

        // 5. Save the model bundle (the ML.NET model after the windowing, plus the window settings) and the ONNX model.
        var bundlePath = Path.Combine(output.FullName, "tinierhar-bundle.zip");
        var onnxPath = Path.Combine(output.FullName, "tinierhar.onnx");
        run.SaveBundle(ml, bundlePath);
        File.WriteAllBytes(onnxPath, run.Model.LastTransformer.OnnxModel);
        console.WriteLine($"saved {bundlePath} and {onnxPath}");
        if (settings.CompareInt8)
        {
            // 5b. The same network in int8 (QDQ, calibrated on the training windows) beside the float32 one.
            var comparison = run.CompareInt8();
            var int8Path = Path.Combine(output.FullName, "tinierhar-int8.onnx");
            File.WriteAllBytes(int8Path, comparison.QuantizedModel);
            console.Write(comparison.ToMarkdown());
            console.WriteLine($"saved {int8Path}");
        }

        // 6. A fresh MLContext loads the bundle and batch-scores a log into a CSV: a newly generated one, or the data's.
        var fresh = new MLContext();
        using var bundle = HarModelBundle.Load(fresh, bundlePath);
        var log = settings.Data is null
            ? fresh.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, SamplingRateHz = source.Rate, Seed = seed + 1000 }))
            : SampleSource.Csv(fresh, settings.Data, settings.CsvColumns(), settings.Rate).Samples;
        var scored = bundle.ScoreLog(log, new LogScoringOptions { SamplingRateHz = source.Rate });
        var csvPath = Path.Combine(output.FullName, "scored-log.csv");
        var written = ScoredLogCsv.Write(fresh, scored.Predictions, csvPath);
        console.WriteLine($"scored a new log: {scored.Windows.LastReport} → {written} rows in {csvPath}");
        console.WriteLine($"done in {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    /// <summary>One line per epoch, on the training thread.</summary>
    private sealed class ConsoleProgress(TextWriter console) : IProgress<EpochReport>
    {
        public void Report(EpochReport e) => console.WriteLine(e);
    }
}
