using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using TinierHAR.MLNet;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;
using TinierHAR.MLNet.Data;
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

        // 5. Save the ML.NET model (everything after the windowing) and the stand-alone ONNX model.
        var modelPath = Path.Combine(output.FullName, "tinierhar-model.zip");
        var onnxPath = Path.Combine(output.FullName, "tinierhar.onnx");
        ml.Model.Save(run.Model, run.WindowSchema, modelPath);
        File.WriteAllBytes(onnxPath, run.Model.LastTransformer.OnnxModel);
        console.WriteLine($"saved {modelPath} and {onnxPath}");

        // 6. A fresh MLContext loads the model and batch-scores a newly generated log into a CSV.
        var fresh = new MLContext();
        fresh.ComponentCatalog.RegisterAssembly(typeof(ScoreArgMaxMapping).Assembly);
        var loaded = fresh.Model.Load(modelPath, out _);
        var log = fresh.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, SamplingRateHz = SyntheticHoldOut.Rate, Seed = seed + 1000 }));
        var logWindows = fresh.Data.WindowSensorSamples(log, run.Windowing);
        var scored = loaded.Transform(run.LabelToKey.Transform(logWindows));
        var withNames = fresh.Transforms.Conversion.MapKeyToValue("PredictedActivity", "PredictedLabel").Fit(scored).Transform(scored);
        var csvPath = Path.Combine(output.FullName, "scored-log.csv");
        var (written, correct) = ScoredLogCsv.Write(fresh, withNames, csvPath);
        console.WriteLine($"scored a new {logWindows.LastReport!.RowsRead:N0}-sample log: {written} windows → {csvPath} ({(double)correct / written:P1} match the generator's labels)");
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
