using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Spectre.Console;
using TinierHAR.Cluster.Hosting;
using TinierHAR.Cluster.Jobs;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Cli;

/// <summary><c>score --cluster</c>: the same scoring as a job on the scoring cluster, one file per worker, followed to its end.</summary>
internal static class ClusterScoring
{
    /// <summary>Exit code when some file of the job failed (the others are scored).</summary>
    public const int FilesFailed = 1;

    // Tries to reach a gateway, a second apart, before saying that no silo answers.
    private const int ConnectionAttempts = 5;

    // How often the client asks where the job stands: the job's end is seen within this (a status is a few bytes per file).
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>The cluster to reach: localhost gateway ports (<c>30000</c> or <c>30000,30001</c>) or a PostgreSQL connection string.</summary>
    public static ScoringClusterOptions Options(string cluster)
    {
        if (cluster.Contains('=', StringComparison.Ordinal))
            return new ScoringClusterOptions { PostgresConnectionString = cluster };
        var ports = cluster.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (ports.Length == 0 || !ports.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 65536))
            throw new ArgumentException($"Invalid option '--cluster': localhost gateway ports such as 30000,30001, or a PostgreSQL connection string (got '{cluster}').");
        return new ScoringClusterOptions { GatewayPorts = ports.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray() };
    }

    public static int Run(TextWriter console, MLContext ml, string model, string input, string outputFolder, LogCsvScoringOptions options, ScoringClusterOptions cluster)
    {
        var files = ml.Data.LoadSensorCsv(input, options.Columns).Files;
        var spec = ScoringJobRunner.CreateSpec(model, files, outputFolder, options);
        var attempts = 0;
        using var host = Host.CreateDefaultBuilder()
            // The host's own failure to start is reported below, in one line.
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error).AddFilter("Microsoft.Extensions.Hosting", LogLevel.None))
            .UseOrleansClient(client => client.AddTinierHarScoring(cluster)
                // A few seconds for a silo that is starting; Orleans's own default waits minutes before it gives up.
                .UseConnectionRetryFilter(async (_, cancellation) =>
                {
                    if (++attempts > ConnectionAttempts) return false;
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                    return true;
                }))
            .Build();
        try
        {
            host.Start();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Starting the client is connecting to a gateway: whatever Orleans throws here means no silo answered.
            throw new IOException($"No silo of the scoring cluster answers ({Describe(cluster)}): start one with 'tinierhar silo' (docs/cluster.md). {e.Message.Split('\n')[0].Trim()}", e);
        }
        var client = host.Services.GetRequiredService<IClusterClient>();
        console.WriteLine($"job {spec.JobId}: {files.Count:N0} file(s) → {spec.OutputFolder}");
        var started = DateTime.UtcNow;
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console) });
        var status = terminal.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .Start(progress =>
            {
                var task = progress.AddTask("scoring", maxValue: files.Count);
                var announced = new HashSet<(string Input, int Attempt)>();
                var restorations = 0;
                var final = ScoringJobRunner.RunAsync(client, spec, s =>
                {
                    // A job kept in memory dies with the silo that held it; the runner gives it back this client's last copy.
                    if (s.Restorations > restorations)
                        terminal.WriteLine("job state lost with a silo: restored from this client's last copy");
                    restorations = s.Restorations;
                    // Which silo holds which file, once per attempt: what an operator (or a test) needs to find the work a dying silo held.
                    foreach (var file in s.Files.Where(f => f.State == FileState.Running && f.Silo is not null && announced.Add((f.Input, f.Attempts))))
                        terminal.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{FileScoring.OutputName(file.Input)}: attempt {file.Attempts} on {file.Silo}"));
                    task.Value = s.Done + s.Failed;
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{s.Done:N0} of {s.Files.Count:N0} files done, {s.Failed:N0} failed, {s.Files.Count(f => f.State == FileState.Running):N0} running, {s.RowsRead / Math.Max(1e-9, (DateTime.UtcNow - started).TotalSeconds):N0} rows/s");
                }, Poll).GetAwaiter().GetResult();
                task.StopTask();
                return final;
            });
        host.StopAsync().GetAwaiter().GetResult();
        return Summarize(console, status, DateTime.UtcNow - started);
    }

    private static string Describe(ScoringClusterOptions cluster) => cluster.PostgresConnectionString is not null
        ? "the PostgreSQL membership table lists none that is alive"
        : $"gateway port{(cluster.GatewayPorts.Count > 1 ? "s" : "")} {string.Join(", ", cluster.GatewayPorts)} on localhost";

    private static int Summarize(TextWriter console, ScoringJobStatus status, TimeSpan elapsed)
    {
        var invariant = CultureInfo.InvariantCulture;
        var done = status.Files.Where(f => f.State == FileState.Done).ToArray();
        foreach (var file in done)
        {
            var o = file.Outcome!;
            console.WriteLine(string.Create(invariant,
                $"{FileScoring.OutputName(file.Input)}: {Accounting([o])}, {o.Segments:N0} segments; {o.Seconds:0.0} s on {o.Silo}{(file.Attempts > 1 ? $" (attempt {file.Attempts})" : "")}"));
        }
        var outcomes = done.Select(f => f.Outcome!).ToArray();
        console.WriteLine(string.Create(invariant,
            $"total: {status.Done:N0} of {status.Files.Count:N0} files, {Accounting(outcomes)}; {outcomes.Sum(o => o.RowsRead) / Math.Max(1e-9, elapsed.TotalSeconds):N0} rows/s over {elapsed.TotalSeconds:0.0} s"));
        foreach (var file in status.Files.Where(f => f.State == FileState.Failed))
            console.WriteLine($"failed: {file.Outcome?.Error ?? file.Input}");
        return status.Failed > 0 ? FilesFailed : 0;
    }

    /// <summary>Every row of the files accounted for, and their windows.</summary>
    private static string Accounting(IReadOnlyCollection<FileOutcome> outcomes) => string.Create(CultureInfo.InvariantCulture,
        $"{outcomes.Sum(o => o.RowsRead):N0} rows = {outcomes.Sum(o => o.RowsInWindows):N0} in windows + {outcomes.Sum(o => o.RowsRemoved):N0} removed + {outcomes.Sum(o => o.RowsNotCovered):N0} not covered; {outcomes.Sum(o => o.Windows):N0} windows");
}
