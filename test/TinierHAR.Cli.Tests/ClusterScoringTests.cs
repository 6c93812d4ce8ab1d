using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.ML;
using Orleans.TestingHost;
using TinierHAR.Cluster.Grains;
using TinierHAR.Cluster.Hosting;
using TinierHAR.Cluster.Jobs;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;
using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>
/// Batch scoring on the Orleans scoring cluster: (a) three silos in this process score a folder of generated logs to
/// the bytes that scoring each file here gives, skip done files when the job comes again, and fail a bad file without
/// failing the job; (b) two silo processes and the tool's client on localhost, one silo killed (SIGKILL) mid-job: the
/// job completes, every output is the local score's, the rows add up, and the tool names the bad file and exits 1; (c) with clustering and job state in a real
/// PostgreSQL (Debian's, installed and started by eng/postgres.sh), the only silo killed and a new one started: the
/// job is still there and completes.
/// </summary>
[TestClass]
public sealed partial class ClusterScoringTests
{
    private static FixtureFolder fixture = null!;
    private static string bundle = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void TrainOnAGeneratedLog(TestContext context)
    {
        fixture = new FixtureFolder();
        bundle = TrainedBundle.Train(fixture, epochs: 2, context);
    }

    [ClassCleanup]
    public static void Remove() => fixture.Dispose();

    /// <summary>Logs of one generated subject each, <paramref name="hours"/> long, in a folder of their own.</summary>
    private static string[] Logs(string folder, int count, double hours, int seed)
    {
        var files = Enumerable.Range(1, count).Select(i => Path.Combine(fixture.Root, folder, $"wearer{i:00}.csv")).ToArray();
        for (var i = 0; i < count; i++)
        {
            var generated = Tool.Run("generate", "--output", files[i], "--subjects", "1", "--hours", hours.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", $"{seed + i}");
            Assert.AreEqual(0, generated.ExitCode, generated.Error);
        }
        return files;
    }

    /// <summary>The options the tool's score builds for the bundle's own columns (subject column, smoothing 3).</summary>
    private static LogCsvScoringOptions Options()
    {
        using var loaded = HarModelBundle.Load(new MLContext(), bundle);
        var manifest = loaded.Manifest;
        return new LogCsvScoringOptions
        {
            Columns = new CsvSampleOptions { ChannelColumnNames = manifest.ChannelNames, TimestampColumnName = manifest.TimestampColumnName, SubjectColumnName = "Subject" },
            Scoring = new LogScoringOptions
            {
                TimestampColumnName = manifest.TimestampColumnName,
                GroupColumnNames = [CsvSamplesDataView.SourceColumnName, CsvSamplesDataView.SubjectColumnName, CsvSamplesDataView.SessionColumnName],
                Window = manifest.Window with { TimestampUnit = TimestampUnit.Seconds, InvalidValues = InvalidValuePolicy.Interpolate },
            },
            Smoothing = 3,
        };
    }

    private sealed class ScoringSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddMemoryGrainStorage(ScoringCluster.JobStorageName).AddTinierHarScoringServices();
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task Three_silos_in_process_score_each_file_as_local_scoring_does()
    {
        var logs = Logs("logs-a", 6, 0.3, seed: 40);
        var bad = fixture.Write(Path.Combine("logs-a", "broken.csv"), "when,what\n1,2\n");
        var options = Options();
        var output = Path.Combine(fixture.Root, "cluster-a");
        var spec = ScoringJobRunner.CreateSpec(bundle, [.. logs, bad], output, options);

        var builder = new TestClusterBuilder(3);
        builder.AddSiloBuilderConfigurator<ScoringSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var status = await ScoringJobRunner.RunAsync(cluster.Client, spec, poll: TimeSpan.FromMilliseconds(200), cancellation: TestContext.CancellationTokenSource.Token);
            Assert.AreEqual(logs.Length, status.Done, "every log scored");
            var failed = status.Files.Single(f => f.State == FileState.Failed);
            Assert.AreEqual(bad, failed.Input);
            StringAssert.Contains(failed.Outcome!.Error, "broken.csv", "the bad file's error names it");
            TestContext.WriteLine($"bad file: {failed.Outcome.Error}");
            TestContext.WriteLine(string.Join("\n", status.Files.Where(f => f.State == FileState.Done).Select(f => $"{Path.GetFileName(f.Input)} on {f.Outcome!.Silo}")));

            var ml = new MLContext();
            using var local = HarModelBundle.Load(ml, bundle);
            foreach (var file in status.Files.Where(f => f.State == FileState.Done))
            {
                var (predictions, segments, _) = FileScoring.Outputs(output, file.Input);
                var here = Path.Combine(fixture.Root, "local-a", FileScoring.OutputName(file.Input));
                Directory.CreateDirectory(Path.GetDirectoryName(here)!);
                var result = LogCsvScoring.Score(ml, local, file.Input, here + ".predictions.csv", here + ".segments.csv", options);
                CollectionAssert.AreEqual(File.ReadAllBytes(here + ".predictions.csv"), File.ReadAllBytes(predictions), $"{file.Input}: predictions");
                CollectionAssert.AreEqual(File.ReadAllBytes(here + ".segments.csv"), File.ReadAllBytes(segments), $"{file.Input}: segments");
                Assert.IsTrue(file.Outcome!.RowsAddUp, $"{file.Input}: rows add up");
                Assert.AreEqual(result.Windowing.RowsRead, file.Outcome.RowsRead, $"{file.Input}: rows read");
                Assert.AreEqual(result.Windows, file.Outcome.Windows, $"{file.Input}: windows");
            }
            var silos = cluster.Silos.Cast<InProcessSiloHandle>().ToArray();
            var loads = silos.Select(s => s.SiloHost.Services.GetRequiredService<BundleCache>().Loads).ToArray();
            var siloNames = silos.Select(s => s.SiloHost.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString()).ToArray();
            CollectionAssert.AreEqual(siloNames.Select(name => status.Files.Any(f => f.Outcome?.Silo == name) ? 1 : 0).ToArray(), loads,
                $"the bundle is loaded once by each silo that scored a file, never by one that scored none ({string.Join(", ", loads)})");

            // The same job again: nothing is scored twice.
            var markers = status.Files.Where(f => f.State == FileState.Done).Select(f => File.GetLastWriteTimeUtc(FileScoring.Outputs(output, f.Input).Marker)).ToArray();
            var again = await ScoringJobRunner.RunAsync(cluster.Client, spec, cancellation: TestContext.CancellationTokenSource.Token);
            Assert.AreEqual((logs.Length, 1), (again.Done, again.Failed));
            CollectionAssert.AreEqual(markers, again.Files.Where(f => f.State == FileState.Done).Select(f => File.GetLastWriteTimeUtc(FileScoring.Outputs(output, f.Input).Marker)).ToArray(),
                "no output rewritten");

            // One file's outputs deleted and the bad file mended by the user: the same job scores those two again, and only them.
            var (lostPredictions, lostSegments, lostMarker) = FileScoring.Outputs(output, logs[2]);
            var lostBytes = File.ReadAllBytes(lostPredictions);
            foreach (var file in new[] { lostPredictions, lostSegments, lostMarker })
                File.Delete(file);
            File.Copy(logs[0], bad, overwrite: true);
            var third = await ScoringJobRunner.RunAsync(cluster.Client, spec, cancellation: TestContext.CancellationTokenSource.Token);
            Assert.AreEqual((logs.Length + 1, 0), (third.Done, third.Failed), "the mended file is scored");
            CollectionAssert.AreEqual(lostBytes, File.ReadAllBytes(lostPredictions), "the deleted outputs are written again, the same");
            CollectionAssert.AreEqual(markers.Where((_, i) => i != 2).ToArray(),
                third.Files.Where(f => f.Input != logs[2] && f.Input != bad).Select(f => File.GetLastWriteTimeUtc(FileScoring.Outputs(output, f.Input).Marker)).ToArray(),
                "no other output rewritten");
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>
    /// A job whose in-memory state died with a silo is restored from the client's last copy: the file that was in flight
    /// goes out as its second attempt, the others keep their counts, and a job that still holds its state ignores a copy.
    /// </summary>
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task A_job_lost_with_its_silo_is_restored_from_the_clients_copy()
    {
        var logs = Logs("logs-r", 2, 0.1, seed: 70);
        var spec = ScoringJobRunner.CreateSpec(bundle, logs, Path.Combine(fixture.Root, "cluster-r"), Options());
        var submitted = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var copy = new ScoringJobStatus
        {
            Spec = spec,
            SubmittedUtc = submitted,
            Files = [new JobFile { Input = logs[0], State = FileState.Running, Attempts = 1, Silo = "S127.0.0.1:1:1" }, new JobFile { Input = logs[1] }],
        };

        var builder = new TestClusterBuilder(1);
        builder.AddSiloBuilderConfigurator<ScoringSilo>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var job = cluster.Client.GetGrain<IScoringJobGrain>(spec.JobId);
            await job.Restore(copy);
            var status = await ScoringJobRunner.RunAsync(cluster.Client, spec, poll: TimeSpan.FromMilliseconds(200), cancellation: TestContext.CancellationTokenSource.Token);
            Assert.AreEqual((2, 0), (status.Done, status.Failed));
            CollectionAssert.AreEqual(new[] { 2, 1 }, status.Files.Select(f => f.Attempts).ToArray(), "the file in flight goes out as its second attempt");
            Assert.AreEqual((1, submitted), (status.Restorations, status.SubmittedUtc));
            Assert.IsTrue(status.Files.All(f => f.Outcome!.RowsAddUp));

            copy.Files[1].Attempts = 5;
            var kept = await job.Restore(copy);
            Assert.AreEqual(1, kept.Restorations, "a job that holds its state answers with it");
            CollectionAssert.AreEqual(new[] { 2, 1 }, kept.Files.Select(f => f.Attempts).ToArray());
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>With no silo to reach, the tool says so in one line and exits 2 (it printed a stack trace and exited 1).</summary>
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void No_silo_to_reach_is_one_line_and_exit_code_2()
    {
        var log = Logs("logs-none", 1, 0.1, seed: 90)[0];
        var port = ClusterProcesses.FreePort();
        var result = Tool.Run("score", "--model", bundle, "--input", log, "--output", Path.Combine(fixture.Root, "none"), "--subject", "Subject", "--cluster", $"{port}");
        Assert.AreEqual(2, result.ExitCode, result.Error);
        var lines = result.Error.Trim().Split('\n');
        Assert.HasCount(1, lines, result.Error);
        StringAssert.StartsWith(lines[0], $"error: No silo of the scoring cluster answers (gateway port {port} on localhost): start one with 'tinierhar silo'");
    }

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public void A_silo_killed_mid_job_costs_time_not_data()
    {
        var logs = Logs("logs-b", 6, 3, seed: 60);
        var broken = fixture.Write(Path.Combine("logs-b", "zz-broken.csv"), "when,what\n1,2\n");
        var output = Path.Combine(fixture.Root, "cluster-b");
        var (primary, primaryGateway, second, secondGateway) = (ClusterProcesses.FreePort(), ClusterProcesses.FreePort(), ClusterProcesses.FreePort(), ClusterProcesses.FreePort());
        using var first = ClusterProcesses.Silo(primary, primaryGateway, primary);
        using var other = ClusterProcesses.Silo(second, secondGateway, primary);

        using var client = ClusterProcesses.Tool(
            $"score --model \"{bundle}\" --input \"{Path.Combine(fixture.Root, "logs-b", "*.csv")}\" --output \"{output}\" --subject Subject --smooth 3 --cluster {primaryGateway},{secondGateway}");
        // Kill the second silo (the first keeps localhost clustering's membership) while the client says it holds a file: a 3-hour
        // log scores for about a second, and the client polls five times a second.
        var clock = Stopwatch.StartNew();
        Match held;
        while (!(held = client.Lines.Select(l => HeldBy(l, second)).FirstOrDefault(m => m.Success) ?? Match.Empty).Success)
        {
            Assert.IsLessThan(TimeSpan.FromMinutes(3), clock.Elapsed, $"the second silo took a file: {string.Join('\n', client.Lines)}");
            Thread.Sleep(20);
        }
        other.Kill();
        var victim = held.Groups[1].Value;
        // The output folder appears with the first file written, which may come after the kill.
        var doneAtKill = Directory.Exists(output) ? Directory.GetFiles(output, "*.done.json").Select(f => Path.GetFileName(f)[..^".done.json".Length]).ToArray() : [];
        TestContext.WriteLine($"killed the second silo while it held {victim}; {doneAtKill.Length} of {logs.Length} files done then");
        Assert.DoesNotContain(victim, doneAtKill, $"{victim} was in flight when its silo died");
        Assert.IsLessThan(logs.Length, doneAtKill.Length, "the silo died mid-job");

        var exitCode = client.WaitForExit(TimeSpan.FromMinutes(5));
        var text = string.Join('\n', client.Lines);
        TestContext.WriteLine(text);
        Assert.AreEqual(1, exitCode, "exit 1 (a file failed), within 5 minutes; " + text);
        StringAssert.Contains(text, $"total: {logs.Length} of {logs.Length + 1} files");
        StringAssert.Contains(text, $"failed: {broken}: ", "the bad file is named, with why");
        // The victim is scored again on the live silo, as its second attempt or later, even where the job's in-memory
        // state died with the killed silo too (the client restores it from its last copy).
        var victimLine = client.Lines.Single(l => l.StartsWith($"{victim}: ", StringComparison.Ordinal) && l.Contains(" rows = ", StringComparison.Ordinal));
        var attempt = Regex.Match(victimLine, @" on (S\S+) \(attempt (\d+)\)$");
        Assert.IsTrue(attempt.Success, $"{victim} was scored again: {victimLine}");
        Assert.IsGreaterThanOrEqualTo(2, int.Parse(attempt.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), victimLine);
        TestContext.WriteLine(client.Lines.Any(l => l.StartsWith("job state lost with a silo", StringComparison.Ordinal))
            ? "the job's state died with the killed silo and was restored" : "the job's state lived on the other silo");
        Assert.DoesNotContain($":{second}:", attempt.Groups[1].Value, $"{victim} ended on the live silo: {victimLine}");
        foreach (var line in client.Lines.Where(l => l.StartsWith("wearer", StringComparison.Ordinal) && l.Contains(" rows = ", StringComparison.Ordinal)))
        {
            var rows = Regex.Match(line, @"([\d,]+) rows = ([\d,]+) in windows \+ ([\d,]+) removed \+ ([\d,]+) not covered");
            Assert.IsTrue(rows.Success, line);
            var n = Enumerable.Range(1, 4).Select(g => long.Parse(rows.Groups[g].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.AreEqual(n[0], n[1] + n[2] + n[3], $"rows add up: {line}");
        }
        foreach (var log in logs)
        {
            var here = Path.Combine(fixture.Root, "local-b", FileScoring.OutputName(log));
            var local = Tool.Run("score", "--model", bundle, "--input", log, "--output", here + ".predictions.csv", "--segments", here + ".segments.csv", "--subject", "Subject", "--smooth", "3");
            Assert.AreEqual(0, local.ExitCode, local.Error);
            var (predictions, segments, _) = FileScoring.Outputs(output, log);
            CollectionAssert.AreEqual(File.ReadAllBytes(here + ".predictions.csv"), File.ReadAllBytes(predictions), $"{log}: predictions");
            CollectionAssert.AreEqual(File.ReadAllBytes(here + ".segments.csv"), File.ReadAllBytes(segments), $"{log}: segments");
        }
        // The victim is among them: it ends byte-identical to a local run, after its second attempt.
        var stray = Directory.GetFiles(output).Select(Path.GetFileName).Where(f => !Regex.IsMatch(f!, @"^wearer\d\d\.(predictions\.csv|segments\.csv|done\.json)$")).ToArray();
        Assert.IsEmpty(stray, $"no partial or temporary file is left: {string.Join(", ", stray)}");
    }

    /// <summary>The client's line saying that a file's attempt runs on the silo listening on <paramref name="port"/>
    /// (an Orleans silo identity, <c>S127.0.0.1:PORT:GENERATION</c>); group 1 is the file.</summary>
    private static Match HeldBy(string line, int port) => Regex.Match(line, $@"^(wearer\d\d): attempt \d+ on S[\d.]+:{port}:\d+$");

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public async Task With_PostgreSQL_a_job_survives_a_restart_of_every_silo()
    {
        var database = $"tinierhar_test_{Environment.ProcessId}";
        var connection = ClusterProcesses.CreateDatabase(database);
        try
        {
            await JobSurvivesRestart(connection);
        }
        finally
        {
            ClusterProcesses.DropDatabase(database);
        }
    }

    private async Task JobSurvivesRestart(string connection)
    {
        var logs = Logs("logs-c", 8, 1.5, seed: 80);
        var options = Options();
        var output = Path.Combine(fixture.Root, "cluster-c");
        var spec = ScoringJobRunner.CreateSpec(bundle, logs, output, options);
        var cluster = new ScoringClusterOptions { PostgresConnectionString = connection };

        using var first = ClusterProcesses.Silo(ClusterProcesses.FreePort(), ClusterProcesses.FreePort(), 0, connection);
        using var client = await Client(cluster);
        var orleans = client.Services.GetRequiredService<IClusterClient>();
        var job = ScoringJobRunner.RunAsync(orleans, spec, cancellation: TestContext.CancellationTokenSource.Token);
        var clock = Stopwatch.StartNew();
        int stored;
        // Wait until the database holds a done file, so that the restart has something to skip.
        while ((stored = (await orleans.GetGrain<IScoringJobGrain>(spec.JobId).Status()).DoneStored) == 0)
        {
            Assert.IsLessThan(TimeSpan.FromMinutes(3), clock.Elapsed, "the job started");
            await Task.Delay(50);
        }
        first.Kill(); // SIGKILL: no silo is left
        var doneBeforeRestart = Directory.GetFiles(output, "*.done.json").Length;
        Assert.IsLessThan(logs.Length, doneBeforeRestart, "every silo died mid-job");

        using var second = ClusterProcesses.Silo(ClusterProcesses.FreePort(), ClusterProcesses.FreePort(), 0, connection);
        // A new client that does not submit: the job is there, as the database kept it.
        using (var fresh = await Client(cluster))
        {
            var kept = await fresh.Services.GetRequiredService<IClusterClient>().GetGrain<IScoringJobGrain>(spec.JobId).Status();
            Assert.IsNotNull(kept.Spec, "the job's state outlived its silos");
            CollectionAssert.AreEqual(spec.Inputs, kept.Spec.Inputs);
            Assert.IsGreaterThanOrEqualTo(stored, kept.Done, "the files stored as done before the kill are recorded");
            TestContext.WriteLine($"after the restart: {kept.Done} of {kept.Files.Count} files recorded as done ({stored} stored, {doneBeforeRestart} written before the kill)");
        }
        var status = await job;
        Assert.AreEqual(logs.Length, status.Done, "the job completes");

        var ml = new MLContext();
        using var local = HarModelBundle.Load(ml, bundle);
        foreach (var file in status.Files)
        {
            var (predictions, segments, _) = FileScoring.Outputs(output, file.Input);
            var here = Path.Combine(fixture.Root, "local-c", FileScoring.OutputName(file.Input));
            Directory.CreateDirectory(Path.GetDirectoryName(here)!);
            LogCsvScoring.Score(ml, local, file.Input, here + ".predictions.csv", here + ".segments.csv", options);
            CollectionAssert.AreEqual(File.ReadAllBytes(here + ".predictions.csv"), File.ReadAllBytes(predictions), $"{file.Input}: predictions");
            CollectionAssert.AreEqual(File.ReadAllBytes(here + ".segments.csv"), File.ReadAllBytes(segments), $"{file.Input}: segments");
            Assert.IsTrue(file.Outcome!.RowsAddUp, $"{file.Input}: rows add up");
        }
    }

    private static async Task<IHost> Client(ScoringClusterOptions cluster)
    {
        var host = Host.CreateDefaultBuilder()
            .UseOrleansClient(client => client.AddTinierHarScoring(cluster))
            .Build();
        await host.StartAsync();
        return host;
    }
}
