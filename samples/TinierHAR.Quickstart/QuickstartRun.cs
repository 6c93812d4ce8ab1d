using System.Diagnostics;
using Microsoft.ML;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.MLNet.Normalization;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;
using TinierHAR.Trainer.Onnx;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Quickstart;

/// <summary>
/// The quickstart as an ML.NET user writes it: load → window → key → normalise → TinierHAR → evaluate on held-out
/// subjects → save the bundle → load it in a fresh context → score a raw log.
/// </summary>
public static class QuickstartRun
{
    /// <summary>Subjects held out for testing: the last ones in name order.</summary>
    public const int HeldOutSubjects = 3;

    /// <summary>Synthetic subjects generated where no <c>--data</c> is given, unless <c>--subjects</c> says otherwise.</summary>
    public const int DefaultSubjects = 10;

    /// <summary>Runs the quickstart, writing its report to <paramref name="console"/>; returns the exit code.</summary>
    public static int Run(QuickstartSettings settings, TextWriter console)
    {
        var clock = Stopwatch.StartNew();
        var (seed, output) = (settings.Seed, settings.Output);
        var ml = new MLContext(seed);
        output.Create();

        // 1. Sample rows: the synthetic waist IMU, or the CSV logs of --data (sessions, i.e. files, separate recordings).
        var csv = settings.Data is { } path ? ml.Data.LoadSensorCsv(path, settings.CsvColumns()) : null;
        var samples = csv ?? ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = settings.Subjects, SamplingRateHz = settings.Rate, Seed = seed }));
        console.WriteLine(csv is null ? $"data: {settings.Subjects} synthetic subjects at {settings.Rate} Hz" : $"data: {settings.Data}");

        // 2. Hold out the last subjects, and cut both parts into 2.56 s windows with 50 % overlap, never across recordings.
        var subjects = ml.Data.CreateEnumerable<SubjectRow>(samples, reuseRowObject: true).Select(r => r.Subject).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (subjects.Length <= HeldOutSubjects)
            throw new ArgumentException($"The quickstart holds out {HeldOutSubjects} subjects and needs at least one more to train on; the data has {subjects.Length}.");
        var heldOut = subjects[^HeldOutSubjects..];
        var windowing = new SensorWindowingOptions
        {
            ChannelColumnNames = settings.Channels,
            WindowSeconds = 2.56,
            SamplingRateHz = settings.Rate,
            LabelColumnName = settings.Label,
            GroupColumnNames = csv is null ? [nameof(ImuSample.Subject)] : [CsvSamplesDataView.SubjectColumnName, CsvSamplesDataView.SessionColumnName],
            TimestampColumnName = settings.Time,
            TimestampUnit = TimestampUnit.Seconds, // the samples' times are seconds already (the CSV reader decides each file's unit)
        };
        var trainView = ml.Data.WindowSensorSamples(ml.Data.FilterByCustomPredicate<SubjectRow>(samples, s => heldOut.Contains(s.Subject)), windowing);
        var testView = ml.Data.WindowSensorSamples(ml.Data.FilterByCustomPredicate<SubjectRow>(samples, s => !heldOut.Contains(s.Subject)), windowing);

        // 3. Labels to keys (the synthetic activities in their own order), then normalisation and TinierHAR.
        var toKey = (csv is null
                ? ml.Transforms.Conversion.MapValueToKey("Label", settings.Label, keyData: ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Activities.Select(a => new ClassName { Value = a })))
                : ml.Transforms.Conversion.MapValueToKey("Label", settings.Label, keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
            .Fit(trainView);
        var trainWindows = ml.Data.Cache(toKey.Transform(trainView));
        var testWindows = ml.Data.Cache(toKey.Transform(testView));
        using var model = ml.Transforms.NormalizeSensorChannels("Features")
            .Append(ml.MulticlassClassification.Trainers.TinierHar(new TinierHarTrainer.Options { MaxEpochs = settings.Epochs, Seed = seed })
                .WithHooks(new TrainingHooks { Progress = new ConsoleProgress(console) }))
            .Fit(trainWindows);

        // 4. Metrics on the held-out subjects.
        var metrics = HarMetrics.Evaluate(model.Transform(testWindows));
        var complexity = ModelComplexity.Of(new TinierHarOptions(), windowing.ResolvedWindowLength, settings.Channels.Count, metrics.ClassNames.Count);
        console.WriteLine($"TinierHAR: {complexity.Parameters:N0} parameters, {complexity.Macs:N0} MACs per window ({complexity.Float32SizeBytes:N0} bytes fp32)");
        console.WriteLine($"training windows: {trainView.LastReport}");
        console.WriteLine($"test windows:     {testView.LastReport}");
        console.WriteLine();
        console.WriteLine($"held-out subjects {string.Join(", ", heldOut)}: {metrics.Count} windows");
        console.WriteLine($"accuracy {metrics.Accuracy:F3}   macro F1 {metrics.MacroF1:F3}   weighted F1 {metrics.WeightedF1:F3}");
        console.WriteLine(HarMetricsText.PerClass(metrics));
        console.WriteLine(HarMetricsText.Confusion(metrics));

        // 5. The model bundle (the ML.NET model after the windowing, and how to window a raw log for it) and the ONNX file.
        var bundlePath = Path.Combine(output.FullName, "tinierhar-bundle.zip");
        var onnxPath = Path.Combine(output.FullName, "tinierhar.onnx");
        var normalization = ((ChannelNormalizer)model.First()).Statistics;
        HarModelBundle.Save(ml, model, trainWindows.Schema,
            BundleManifest.Create(windowing, metrics.ClassNames, csv is null ? ImuSample.ChannelUnits : null, normalization), bundlePath);
        File.WriteAllBytes(onnxPath, model.LastTransformer.OnnxModel);
        console.WriteLine($"saved {bundlePath} and {onnxPath}");
        if (settings.CompareInt8)
        {
            // 5b. The same network in int8 (QDQ, calibrated on the training windows) beside the float32 one.
            var comparison = Int8Comparison.Measure(model, trainWindows, testWindows);
            var int8Path = Path.Combine(output.FullName, "tinierhar-int8.onnx");
            File.WriteAllBytes(int8Path, comparison.QuantizedModel);
            console.Write(comparison.ToMarkdown());
            console.WriteLine($"saved {int8Path}");
        }

        // 6. A fresh MLContext loads the bundle and batch-scores a raw log into a CSV: a newly generated one, or the data's.
        var fresh = new MLContext();
        using var bundle = HarModelBundle.Load(fresh, bundlePath);
        var log = settings.Data is null
            ? fresh.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, SamplingRateHz = settings.Rate, Seed = seed + 1000 }))
            : fresh.Data.LoadSensorCsv(settings.Data, settings.CsvColumns());
        var scored = bundle.ScoreLog(log, new LogScoringOptions { SamplingRateHz = settings.Rate });
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

    /// <summary>The subject of a sample row, for the hold-out.</summary>
    private sealed class SubjectRow
    {
        public string Subject { get; set; } = "";
    }

    /// <summary>A class name, for the key map's order.</summary>
    private sealed class ClassName
    {
        public string Value { get; set; } = "";
    }
}
