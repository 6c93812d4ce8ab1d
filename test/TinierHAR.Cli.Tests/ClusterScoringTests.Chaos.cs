using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using TinierHAR.Cluster.Jobs;
using TinierHAR.MLNet.Data;
using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

// A chaos run of the scoring cluster on PostgreSQL, beside the other cluster tests (it shares their bundle): three
// silo processes and the tool as a client score a folder of generated logs while a random silo is SIGKILLed and
// restarted at random moments of the job, and the client itself is SIGKILLed halfway and run again. Every file must
// end with exactly its three outputs, byte for byte those of a local score, and nothing else. The test command runs a
// short version; eng/chaos.sh runs the full one (200 files, 20 kills) and writes its figures to docs/robustness.md.
public sealed partial class ClusterScoringTests
{
    /// <summary>The short run's size in the test command (docs/robustness.md quotes it); eng/chaos.sh passes the full run's.</summary>
    internal const int ShortRunFiles = 16, ShortRunKills = 3;

    /// <summary>A test run parameter (<c>dotnet test -- TestRunParameters.Parameter(name="files", value="200")</c>), or its default.</summary>
    private string Parameter(string name, string fallback) => TestContext.Properties.TryGetValue(name, out var value) && value is string text ? text : fallback;

    [TestMethod]
    [Timeout(3_600_000, CooperativeCancellation = true)]
    public void Silos_and_the_client_killed_at_random_lose_and_duplicate_nothing()
    {
        var count = int.Parse(Parameter("files", $"{ShortRunFiles}"), CultureInfo.InvariantCulture);
        var kills = int.Parse(Parameter("kills", $"{ShortRunKills}"), CultureInfo.InvariantCulture);
        var random = new Random(int.Parse(Parameter("seed", "2026"), CultureInfo.InvariantCulture));
        var logs = Path.Combine(fixture.Root, "chaos-logs");
        var files = Enumerable.Range(1, count).Select(i => Path.Combine(logs, $"wearer{i:000}.csv")).ToArray();
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
            SyntheticImuCsv.Write(file, new SyntheticImuOptions { Subjects = 1, Seed = 1000 + i, BoutsPerSubject = 12, MinBoutSeconds = 60, MaxBoutSeconds = 120 });
        var output = Path.Combine(fixture.Root, "chaos-out");
        var database = $"tinierhar_chaos_{Environment.ProcessId}";
        var connection = ClusterProcesses.CreateDatabase(database);
        // Silos start in the background (about 7 s each): a kill never waits for its replacement.
        var silos = new List<Task<RecordedProcess>>();
        RecordedProcess? client = null;
        try
        {
            Task<RecordedProcess> NewSilo() => Task.Run(() => ClusterProcesses.Silo(ClusterProcesses.FreePort(), ClusterProcesses.FreePort(), 0, connection));
            RecordedProcess NewClient() => ClusterProcesses.Tool(
                $"score --model \"{bundle}\" --input \"{Path.Combine(logs, "*.csv")}\" --output \"{output}\" --subject Subject --smooth 3 --cluster \"{connection}\"");
            for (var i = 0; i < 3; i++)
                silos.Add(NewSilo());
            Task.WaitAll([.. silos]);
            client = NewClient();
            int Done() => Directory.Exists(output) ? Directory.GetFiles(output, "*.done.json").Length : 0;

            // Kill when the job has done these many files: random moments spread over the job, each while files remain.
            var moments = Enumerable.Range(0, kills).Select(_ => (int)(count * (0.05 + 0.85 * random.NextDouble()))).Order().ToArray();
            var recoveries = new List<double>();
            var clock = Stopwatch.StartNew();
            var clientKills = 0;
            foreach (var (moment, k) in moments.Select((m, k) => (m, k)))
            {
                while (Done() < moment || !silos.Any(s => s.IsCompletedSuccessfully))
                {
                    Assert.IsLessThan(TimeSpan.FromMinutes(50), clock.Elapsed, $"waiting for {moment} files done ({Done()} so far)");
                    Thread.Sleep(20);
                }
                var running = silos.Select((s, i) => (s, i)).Where(p => p.s.IsCompletedSuccessfully).Select(p => p.i).ToArray();
                var victim = running[random.Next(running.Length)];
                silos[victim].Result.Dispose();
                var doneAtKill = Done();
                var killed = Stopwatch.StartNew();
                silos[victim] = NewSilo();
                if (k == kills / 2)
                {
                    client.Dispose();
                    client = NewClient();
                    clientKills++;
                }
                // Recovered when a file completes after the kill.
                while (Done() == doneAtKill && doneAtKill < count)
                {
                    Assert.IsLessThan(TimeSpan.FromMinutes(10), killed.Elapsed, "the job goes on after a kill");
                    Thread.Sleep(20);
                }
                if (doneAtKill < count)
                    recoveries.Add(killed.Elapsed.TotalSeconds);
                TestContext.WriteLine($"kill {k + 1}: silo {victim} at {doneAtKill} of {count} files done{(k == kills / 2 ? ", and the client" : "")}; the next file completed {killed.Elapsed.TotalSeconds:0.0} s later");
            }
            Assert.IsGreaterThanOrEqualTo(Math.Min(kills, 1), recoveries.Count, "kills came while files remained");
            var exit = client.WaitForExit(TimeSpan.FromMinutes(30));
            var text = string.Join('\n', client.Lines);
            Assert.AreEqual(0, exit, text);
            StringAssert.Contains(text, $"total: {count} of {count} files");
            var elapsed = clock.Elapsed;

            var local = Path.Combine(fixture.Root, "chaos-local");
            var identical = 0;
            foreach (var file in files)
            {
                var here = Path.Combine(local, FileScoring.OutputName(file));
                var scored = Tool.Run("score", "--model", bundle, "--input", file, "--output", here + ".predictions.csv", "--segments", here + ".segments.csv", "--subject", "Subject", "--smooth", "3");
                Assert.AreEqual(0, scored.ExitCode, scored.Error);
                var (predictions, segments, _) = FileScoring.Outputs(output, file);
                CollectionAssert.AreEqual(File.ReadAllBytes(here + ".predictions.csv"), File.ReadAllBytes(predictions), $"{file}: predictions");
                CollectionAssert.AreEqual(File.ReadAllBytes(here + ".segments.csv"), File.ReadAllBytes(segments), $"{file}: segments");
                identical++;
            }
            var names = Directory.GetFiles(output).Select(Path.GetFileName).ToArray();
            var stray = names.Where(f => !Regex.IsMatch(f!, @"^wearer\d{3}\.(predictions\.csv|segments\.csv|done\.json)$")).ToArray();
            Assert.IsEmpty(stray, $"no partial or temporary file is left: {string.Join(", ", stray)}");
            Assert.HasCount(3 * count, names, "three outputs per file, no more");

            // What the silos said: a silo that lost a peer may warn; it should not fill a log with failures.
            Task.WaitAll([.. silos]);
            foreach (var (silo, i) in silos.Select((x, i) => (x.Result, i)))
            {
                var failures = silo.Lines.Where(l => l.StartsWith("fail:", StringComparison.Ordinal)).ToArray();
                TestContext.WriteLine($"silo {i}: {silo.Lines.Count} lines, {failures.Length} 'fail:' entries{(failures.Length > 0 ? $", first: {string.Join(" / ", silo.Lines.SkipWhile(l => !l.StartsWith("fail:", StringComparison.Ordinal)).Take(2))}" : "")}");
            }
            var summary = string.Create(CultureInfo.InvariantCulture,
                $"| {count} | {kills} ({recoveries.Count} mid-job) | {clientKills} | {identical} | {count - identical} | 0 | 0 | {Median(recoveries):0.0} | {recoveries.DefaultIfEmpty().Max():0.0} | {elapsed.TotalSeconds:0} |");
            TestContext.WriteLine(summary);
            if (Parameter("report", "") is { Length: > 0 } report)
                File.WriteAllText(report, summary + "\n");
        }
        finally
        {
            client?.Dispose();
            foreach (var silo in silos.Where(s => s.IsCompletedSuccessfully))
                silo.Result.Dispose();
            ClusterProcesses.DropDatabase(database);
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
