using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Spectre.Console;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.Plots;
using TinierHAR.Experiments;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Cli;

/// <summary>
/// <c>train</c>: trains a network on labelled CSV logs with held-out subjects and writes the model bundle, the ONNX
/// file, a metrics report and the pictures (confusion matrix, training curves).
/// </summary>
internal static class TrainCommand
{
    // A channel's normalisation scale below this is its epsilon alone: the channel did not vary.
    private const float ConstantScale = 1e-6f;

    public static Command Create()
    {
        var log = new CsvLogOptions();
        var timing = new SampleHandlingOptions();
        var shape = new WindowShapeOptions();
        var units = new Option<string?>("--units") { Description = "The channels' units, kept in the bundle so that score can convert logs in others: one per channel (g, mg, m/s^2, rad/s, deg/s)" };
        var network = new NetworkOptionsBinder(defaultModel: "tinierhar");
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder for bundle.zip, model.onnx, metrics.txt, confusion.png, training-curves.png", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs (early stopping may end sooner)", DefaultValueFactory = _ => 150 };
        var seed = new Option<int>("--seed") { Description = "Training seed", DefaultValueFactory = _ => 1 };
        var testSubjects = new Option<string?>("--test-subjects") { Description = "Comma-separated held-out subjects; default: the last three in name order" };
        var precision = new Option<TrainingPrecision>("--precision") { Description = "Training precision: Float32 (default) or Float64 (the authors')", DefaultValueFactory = _ => TrainingPrecision.Float32 };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (0: half the cores)", DefaultValueFactory = _ => 0 };
        var int8 = new Option<bool>("--int8") { Description = "Also write model-int8.onnx (int8 QDQ, calibrated on the training windows) and int8.md, comparing it with the float32 model on the held-out windows" };
        var command = new Command("train", "Train a HAR network on labelled CSV logs; write the bundle, the .onnx, metrics and plots.") { output, epochs, seed, testSubjects, precision, threads, units, int8 };
        log.AddTo(command);
        timing.AddTo(command);
        shape.AddTo(command);
        network.AddTo(command);
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var folder = parse.GetValue(output)!;
            var seedValue = parse.GetValue(seed);
            var maxEpochs = parse.GetValue(epochs);
            if (maxEpochs < 1)
                throw new ArgumentException($"Invalid option '--epochs': at least 1 (got {maxEpochs}).");
            var ml = new MLContext(seedValue);
            var rate = parse.GetValue(log.Rate);
            if (rate <= 0)
                throw new ArgumentException($"Invalid option '--rate': a positive rate in Hz (got {rate}).");
            var columns = log.Columns(parse, timing);
            var source = SampleSource.Csv(ml, parse.GetValue(log.Data)!, columns, rate) with
            {
                ChannelUnits = ChannelFlagText.Units(parse.GetValue(units), columns.ChannelColumnNames, null),
            };
            var windows = timing.Apply(parse, shape.Create(parse, rate));
            var held = parse.GetValue(testSubjects)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console) });
            HoldOutExperiment Train(Action<EpochReport> epoch) => HoldOutExperiment.Run(ml, source, maxEpochs, seedValue, new EpochCallback(epoch),
                network.Bind(parse), held, parse.GetValue(precision), parse.GetValue(threads), windows);
            static string Line(EpochReport report) => string.Create(CultureInfo.InvariantCulture,
                $"epoch {report.Epoch}: loss {report.TrainLoss:0.000} / validation {report.ValidationLoss:0.000}, macro F1 {report.ValidationMacroF1:0.000}");
            // A terminal gets a live bar; a pipe or a log file gets every epoch as a line of its own.
            using var run = terminal.Profile.Capabilities.Interactive
                ? terminal.Progress().AutoClear(false)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .Start(progress =>
                    {
                        var task = progress.AddTask("training", maxValue: maxEpochs);
                        return Train(report => (task.Description, task.Value) = (Line(report), report.Epoch));
                    })
                : Train(report => console.WriteLine(Line(report)));
            var scales = ((MLNet.Normalization.ChannelNormalizer)run.Model.First()).Statistics.Scale;
            foreach (var (channel, scale) in columns.ChannelColumnNames.Zip(scales))
            {
                if (scale < ConstantScale)
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warning: channel '{channel}' is constant in the training windows (normalisation scale {scale:G3}): it carries no information, and any change in it at scoring time is amplified."));
            }

            var bundle = Path.Combine(folder.FullName, "bundle.zip");
            run.SaveBundle(ml, bundle, columns.SubjectColumnName);
            var onnx = Path.Combine(folder.FullName, "model.onnx");
            MLNet.Data.AtomicFile.Write(onnx, stream => stream.Write(run.Model.LastTransformer.OnnxModel));
            var history = run.Model.LastTransformer.History;
            var read = source.CsvReport;
            var all = Combined(run.Reports.Train, run.Reports.Test);
            var report = $"held-out subjects: {string.Join(", ", run.HeldOutSubjects)}\n"
                + $"windows: {run.Windowing.ResolvedWindowLength} samples at {rate} Hz, step {run.Windowing.ResolvedStep}, labels by {run.Windowing.LabelPolicy}\n"
                + $"training windows: {run.Reports.Train.WindowsProduced}, test windows: {run.Reports.Test.WindowsProduced}\n"
                + $"{string.Join("\n", TimingSummary.Lines(read, all))}\n"
                + $"epochs: {history.Epochs.Count} (best {history.BestEpoch?.Epoch})\n\n{HarMetricsText.Report(run.Metrics)}";
            MetricsFiles.Write(folder, run.Metrics, report);
            HarPlots.SavePng(HarPlots.TrainingCurves(history.Epochs
                .Select(e => new TrainingCurvePoint(e.Epoch, e.TrainLoss, e.ValidationLoss, e.ValidationMacroF1, e.IsBest)).ToList()), Path.Combine(folder.FullName, "training-curves.png"));
            console.WriteLine(report[..report.IndexOf("epochs:", StringComparison.Ordinal)].TrimEnd());
            console.WriteLine(HarMetricsText.Summary(run.Metrics));
            console.WriteLine($"wrote {bundle}, {onnx}, metrics.txt, confusion.png and training-curves.png in {folder.FullName}");
            if (parse.GetValue(int8))
            {
                var comparison = run.CompareInt8();
                var quantized = Path.Combine(folder.FullName, "model-int8.onnx");
                MLNet.Data.AtomicFile.Write(quantized, stream => stream.Write(comparison.QuantizedModel));
                var table = comparison.ToMarkdown();
                File.WriteAllText(Path.Combine(folder.FullName, "int8.md"), table);
                console.Write(table);
                console.WriteLine($"wrote {quantized} and int8.md");
            }
            return 0;
        }));
        return command;
    }

    /// <summary>The training and test passes as one report: the subjects split the same log.</summary>
    private static MLNet.Windowing.WindowingReport Combined(MLNet.Windowing.WindowingReport train, MLNet.Windowing.WindowingReport test) => new()
    {
        RowsRead = train.RowsRead + test.RowsRead,
        RowsRemoved = train.RowsRemoved.Concat(test.RowsRemoved).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value)),
        RowsInWindows = train.RowsInWindows + test.RowsInWindows,
        WindowsProduced = train.WindowsProduced + test.WindowsProduced,
        WindowsDroppedByLabel = train.WindowsDroppedByLabel + test.WindowsDroppedByLabel,
        RowsNotCovered = train.RowsNotCovered + test.RowsNotCovered,
        RowsInShortSegments = train.RowsInShortSegments + test.RowsInShortSegments,
        RowsInTails = train.RowsInTails + test.RowsInTails,
        Segments = train.Segments + test.Segments,
        SegmentsShorterThanWindow = train.SegmentsShorterThanWindow + test.SegmentsShorterThanWindow,
        Gaps = train.Gaps + test.Gaps,
        ValuesInterpolated = train.ValuesInterpolated + test.ValuesInterpolated,
        Resampled = train.Resampled,
        Recordings = [.. train.Recordings, .. test.Recordings],
    };
}
