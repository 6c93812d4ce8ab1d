using System.CommandLine;
using Microsoft.ML;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Cli;

/// <summary><c>evaluate</c>: scores labelled CSV logs with a model bundle and writes the metrics report and the confusion matrix.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var log = new CsvLogOptions();
        var model = new Option<FileInfo>("--model") { Description = "Model bundle (.zip)", Required = true };
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder for metrics.txt and confusion.png", Required = true };
        var timing = new SampleHandlingOptions();
        var step = new Option<string?>("--step") { Description = "Step between window starts: samples or seconds (default: the model's); the window length is the model's" };
        var labelRule = new Option<WindowLabelPolicy?>("--label-rule") { Description = "A window's label: Majority, Last or Centre (default: the model's)" };
        var command = new Command("evaluate", "Evaluate a model bundle on labelled CSV logs (in the model's windows): metrics report and confusion-matrix picture.") { model, output };
        log.AddTo(command, withChannels: false);
        timing.AddTo(command);
        command.Options.Add(step);
        command.Options.Add(labelRule);
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var ml = new MLContext();
            using var bundle = HarModelBundle.Load(ml, parse.GetValue(model)!.FullName);
            var label = parse.GetValue(log.Label)!;
            var samples = ml.Data.LoadSensorCsv(parse.GetValue(log.Data)!, log.Columns(parse, timing, bundle.Manifest.ChannelNames));
            var logOptions = new LogScoringOptions
            {
                SamplingRateHz = parse.GetValue(log.Rate),
                TimestampColumnName = log.TimeColumn(parse),
                LabelColumnName = label,
                GroupColumnNames = [CsvSamplesDataView.SubjectColumnName, CsvSamplesDataView.SessionColumnName],
            };
            var trained = bundle.Manifest.Window;
            var steps = parse.GetValue(step) is { } text ? WindowShapeOptions.Samples(text, bundle.Manifest.SamplingRateHz ?? parse.GetValue(log.Rate), step.Name) : (int?)null;
            logOptions.Window = timing.Apply(parse, trained) with
            {
                Step = steps ?? trained.Step,
                Overlap = steps is null ? trained.Overlap : null,
                LabelPolicy = parse.GetValue(labelRule) ?? trained.LabelPolicy,
            };
            var scored = bundle.ScoreLogBatched(samples, logOptions);
            // Labels outside the model's classes map to the missing key: such windows are counted, not scored.
            var classes = ml.Data.LoadFromEnumerable(bundle.Manifest.ClassNames.Select(n => new ClassName { Value = n }));
            var labelled = ml.Transforms.Conversion.MapValueToKey("Label", label, keyData: classes).Fit(scored.Predictions).Transform(scored.Predictions);
            var metrics = HarMetrics.Evaluate(labelled);
            var windows = scored.Windows.LastReport!;
            var report = $"data: {parse.GetValue(log.Data)}\n{string.Join("\n", TimingSummary.Lines(samples.LastReport, windows))}\n"
                + $"windows: {windows.WindowsProduced} ({windows.WindowsDroppedByLabel} dropped by label)\nwindows whose label is not a model class: {windows.WindowsProduced - metrics.Count}\n\n{HarMetricsText.Report(metrics)}";
            var folder = parse.GetValue(output)!;
            MetricsFiles.Write(folder, metrics, report);
            console.WriteLine(report);
            console.WriteLine($"wrote metrics.txt and confusion.png in {folder.FullName}");
            return 0;
        }));
        return command;
    }

    private sealed class ClassName
    {
        public string Value { get; set; } = "";
    }
}
