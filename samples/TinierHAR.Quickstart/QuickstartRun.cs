using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using TinierHAR.MLNet;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Normalization;
using TinierHAR.MLNet.Scoring;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Quickstart;

/// <summary>The quickstart, step by step, as an ML.NET user would write it.</summary>
internal static class QuickstartRun
{
    public static int Run(int epochs, int subjects, int seed, DirectoryInfo output, TextWriter console)
    {
        var clock = Stopwatch.StartNew();
        var ml = new MLContext(seed);
        output.Create();
        var complexity = ModelComplexity.Of(new TinierHarOptions(), 128, ImuSample.ChannelNames.Count, SyntheticImuGenerator.Activities.Count);
        console.WriteLine($"TinierHAR: {complexity.Parameters:N0} parameters, {complexity.Macs:N0} MACs per window ({complexity.Float32SizeBytes:N0} bytes fp32)");

        // 1–4. Synthetic subjects, windows, normalisation, TinierHAR, metrics on the held-out subjects.
        var run = SyntheticHoldOut.Run(ml, subjects, epochs, seed, new ConsoleProgress(console));
        console.WriteLine($"training windows: {run.Reports.Train}");
        console.WriteLine($"test windows:     {run.Reports.Test}");
        var metrics = run.Metrics;
        console.WriteLine();
        console.WriteLine($"held-out subjects {string.Join(", ", run.HeldOutSubjects)}: {metrics.Count} windows");
        console.WriteLine($"accuracy {metrics.Accuracy:F3}   macro F1 {metrics.MacroF1:F3}   weighted F1 {metrics.WeightedF1:F3}");
        console.WriteLine(MetricsText.PerClass(metrics));
        console.WriteLine(MetricsText.Confusion(metrics));

        // 5. Save the model bundle (the ML.NET model after the windowing, plus the window settings) and the ONNX model.
        var bundlePath = Path.Combine(output.FullName, "tinierhar-bundle.zip");
        var onnxPath = Path.Combine(output.FullName, "tinierhar.onnx");
        var normalization = ((ChannelNormalizer)run.Model.First()).Statistics;
        HarModelBundle.Save(ml, run.Model, run.WindowSchema, new BundleManifest
        {
            WindowLength = run.Windowing.ResolvedWindowLength, WindowStep = run.Windowing.ResolvedStep,
            ChannelNames = ImuSample.ChannelNames, ChannelUnits = ["g", "g", "g", "rad/s", "rad/s", "rad/s"],
            SamplingRateHz = SyntheticHoldOut.Rate, ClassNames = metrics.ClassNames,
            GroupColumnNames = run.Windowing.GroupColumnNames, TimestampColumnName = run.Windowing.TimestampColumnName,
            NormalizationMean = normalization.Mean, NormalizationScale = normalization.Scale,
        }, bundlePath);
        File.WriteAllBytes(onnxPath, run.Model.LastTransformer.OnnxModel);
        console.WriteLine($"saved {bundlePath} and {onnxPath}");

        // 6. A fresh MLContext loads the bundle and batch-scores a newly generated log into a CSV.
        var fresh = new MLContext();
        var bundle = HarModelBundle.Load(fresh, bundlePath);
        var log = fresh.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, SamplingRateHz = SyntheticHoldOut.Rate, Seed = seed + 1000 }));
        var scored = bundle.ScoreLog(log, SyntheticHoldOut.Rate);
        var csvPath = Path.Combine(output.FullName, "scored-log.csv");
        var written = ScoredLogCsv.Write(fresh, scored.Predictions, csvPath);
        console.WriteLine($"scored a new log: {scored.Windows.LastReport} → {written} rows in {csvPath}");
        console.WriteLine($"done in {clock.Elapsed.TotalSeconds:F0} s");
        return 0;
    }

    /// <summary>One line per epoch, on the training thread.</summary>
    private sealed class ConsoleProgress(TextWriter console) : IProgress<EpochReport>
    {
        public void Report(EpochReport e) => console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"epoch {e.Epoch,3}  train loss {e.TrainLoss:F4}  val loss {e.ValidationLoss:F4}  val macro F1 {e.ValidationMacroF1:F3}  lr {e.LearningRate:G2}  {e.Seconds:F1} s{(e.IsBest ? "  *" : "")}"));
    }
}
