using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Spectre.Console;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Cli;

/// <summary>
/// <c>score</c>: batch-scores CSV sensor logs of any size with a model bundle, streaming, into per-window predictions
/// and optional activity segments; a summary accounts for every row.
/// </summary>
internal static class ScoreCommand
{
    /// <summary>The label of windows below the confidence threshold.</summary>

    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "Model bundle (.zip) written by train or HarModelBundle.Save", Required = true };
        var input = new Option<string>("--input") { Description = "A CSV log (.csv, .csv.gz), a folder of them, or a pattern such as 'logs/*.csv.gz'", Required = true };
        var output = new Option<FileInfo>("--output") { Description = "Per-window predictions (CSV)", Required = true };
        var segments = new Option<FileInfo?>("--segments") { Description = "Merged activity segments (CSV)" };
        var smooth = new Option<int>("--smooth") { Description = "Majority smoothing over this many centred windows before segmenting (odd; 1 = none)", DefaultValueFactory = _ => 1 };
        var threshold = new Option<double>("--threshold") { Description = $"Windows whose top probability is below this are '{LogCsvScoring.Unknown}'", DefaultValueFactory = _ => 0 };
        var time = new Option<string?>("--time") { Description = "Timestamp column; default: the bundle's" };
        var noTime = new Option<bool>("--no-time") { Description = "The logs have no timestamp column" };
        var subject = new Option<string?>("--subject") { Description = $"Subject column; default: '{LogCsvScoring.DefaultSubjectColumnName}' when the first file has one" };
        var subjectFromFile = new Option<string?>("--subject-from-file") { Description = "No subject column: a regular expression whose first group (or match) in each file name is the subject" };
        var session = new Option<string?>("--session") { Description = "Session column; default: one session per file" };
        var rate = new Option<double?>("--rate") { Description = "The sampling rate in Hz of logs without timestamps; default: the bundle's" };
        var timing = new SampleHandlingOptions();
        var channels = new Option<string?>("--channels") { Description = "Log columns for the model's channels whose names differ: model=log pairs, such as AccX=acc_x,AccY=acc_y" };
        var units = new Option<string?>("--units") { Description = "The log's channel units where they differ from the model's (g, mg, m/s^2, rad/s, deg/s): one per model channel, or channel=unit pairs" };
        var malformed = new Option<MalformedRowPolicy>("--malformed") { Description = "Malformed lines: Error (stop, naming file and line) or Skip (count them)", DefaultValueFactory = _ => MalformedRowPolicy.Error };
        var batch = new Option<int>("--batch-size") { Description = "Windows per ONNX Runtime call", DefaultValueFactory = _ => new BatchedHarScorerOptions().BatchSize };
        var cluster = new Option<string?>("--cluster") { Description = "Score on the scoring cluster (tinierhar silo): localhost gateway ports such as 30000,30001, or the cluster's PostgreSQL connection string. --output is then a folder: NAME.predictions.csv and NAME.segments.csv per input file" };
        var threads = new Option<int>("--threads") { Description = "Batches scored side by side (0: one per core)", DefaultValueFactory = _ => 0 };
        var command = new Command("score", "Score CSV sensor logs with a model bundle: per-window predictions, activity segments and a summary of every row.")
        {
            model, input, output, segments, smooth, threshold, time, noTime, subject, session, rate, malformed, batch, threads, channels, units, subjectFromFile, cluster,
        };
        timing.AddTo(command);

        // The flags as library settings, resolved against the bundle (its channels, timestamp column and rate).
        LogCsvScoringOptions Options(ParseResult parse, BundleManifest manifest) => new LogCsvScoringSettings
        {
            Time = parse.GetValue(time),
            NoTime = parse.GetValue(noTime),
            Subject = parse.GetValue(subject),
            SubjectFromFile = parse.GetValue(subjectFromFile),
            Session = parse.GetValue(session),
            Rate = parse.GetValue(rate),
            Channels = parse.GetValue(channels),
            Units = parse.GetValue(units),
            Malformed = parse.GetValue(malformed),
            TimeHandling = timing.Settings(parse),
            Smooth = parse.GetValue(smooth),
            Threshold = parse.GetValue(threshold),
            BatchSize = parse.GetValue(batch),
            Threads = parse.GetValue(threads),
        }.Resolve(manifest);

        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var ml = new MLContext();
            using var bundle = HarModelBundle.Load(ml, parse.GetValue(model)!.FullName);
            var options = Options(parse, bundle.Manifest);
            if (parse.GetValue(cluster) is { } nodes)
                return ClusterScoring.Run(console, ml, parse.GetValue(model)!.FullName, parse.GetValue(input)!, parse.GetValue(output)!.FullName, options, ClusterScoring.Options(nodes));
            var clock = Stopwatch.StartNew();
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console) });
            var result = terminal.Progress().AutoClear(false)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask("scoring");
                    task.IsIndeterminate = true;
                    var scored = LogCsvScoring.Score(ml, bundle, parse.GetValue(input)!, parse.GetValue(output)!.FullName, parse.GetValue(segments)?.FullName, options, (rows, windows) =>
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"scoring: {rows:N0} rows, {windows:N0} windows, {rows / Math.Max(1e-9, clock.Elapsed.TotalSeconds):N0} rows/s"));
                    task.StopTask();
                    return scored;
                });
            Summarize(console, result, clock.Elapsed, parse.GetValue(output)!, parse.GetValue(segments));
            return 0;
        }));
        return command;
    }

    private static void Summarize(TextWriter console, LogCsvScoringResult result, TimeSpan elapsed, FileInfo output, FileInfo? segments)
    {
        var (read, windows) = (result.Read, result.Windowing);
        var invariant = CultureInfo.InvariantCulture;
        console.WriteLine(string.Create(invariant, $"files:            {read.Files:N0}"));
        foreach (var line in TimingSummary.Lines(read, windows))
            console.WriteLine(line);
        console.WriteLine(string.Create(invariant, $"windows scored:   {result.Windows:N0} ({result.Unknown:N0} below the threshold, '{LogCsvScoring.Unknown}')"));
        if (result.Segments is { } count)
            console.WriteLine(string.Create(invariant, $"segments:         {count:N0} → {segments!.FullName}"));
        console.WriteLine(string.Create(invariant, $"predictions:      {output.FullName}"));
        console.WriteLine(string.Create(invariant, $"speed:            {result.RowsRead / elapsed.TotalSeconds:N0} rows/s, {result.Windows / elapsed.TotalSeconds:N0} windows/s (the scoring pass, {elapsed.TotalSeconds:0.0} s)"));
        using var process = Process.GetCurrentProcess();
        var sinceStart = DateTime.Now - process.StartTime;
        console.WriteLine(string.Create(invariant, $"whole run:        {result.RowsRead / sinceStart.TotalSeconds:N0} rows/s ({sinceStart.TotalSeconds:0.0} s since the process started: start-up and bundle loading too)"));
        console.WriteLine(string.Create(invariant, $"peak memory:      {process.PeakWorkingSet64 / (1024.0 * 1024):N0} MB (working set of the process)"));
    }
}
