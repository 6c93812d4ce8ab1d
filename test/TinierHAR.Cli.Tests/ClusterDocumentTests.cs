using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using TinierHAR.Cluster.Grains;
using TinierHAR.Cluster.Hosting;
using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>
/// The documents give the cluster's settings as they are: docs/cluster.md the job grain's retry schedule and the port
/// of eng/postgres.sh, docs/robustness.md the chaos runs' sizes (the short run of the test command, and the full run
/// of eng/chaos.sh, whose defaults are those of its committed row, and its recoveries), the client's response timeout,
/// when the silos count a peer stale, and how long the tests wait for a silo to join.
/// </summary>
[TestClass]
public sealed partial class ClusterDocumentTests
{
    [TestMethod]
    public void The_docs_quote_the_retry_schedule_and_the_database_port()
    {
        var delays = Enumerable.Range(1, ScoringJobGrain.MaxAttempts - 1).Select(a => $"{ScoringJobGrain.RetryDelay(a).TotalSeconds}");
        var port = Regex.Match(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "eng", "postgres.sh")), @"\nport=(\d+)\n");
        Assert.IsTrue(port.Success, "eng/postgres.sh sets its port");
        RepositoryDocuments.AssertQuotedIn("docs/cluster.md",
            $"retried after {RepositoryDocuments.Listed(delays)} s (a file is given up after {ScoringJobGrain.MaxAttempts} attempts)",
            $"runs a PostgreSQL cluster of its own on port {port.Groups[1].Value}");
    }

    [TestMethod]
    public void The_docs_quote_the_chaos_runs_sizes()
    {
        var row = RepositoryDocuments.Table(Path.Combine("experiments", "cluster-chaos", "results.md"))[^1];
        var (files, kills) = (row["files"], row["silo kills"].Split(' ')[0]);
        var defaults = ScriptDefaults().Match(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "eng", "chaos.sh")));
        Assert.IsTrue(defaults.Success, "eng/chaos.sh sets its defaults");
        Assert.AreEqual((files, kills), (defaults.Groups["files"].Value, defaults.Groups["kills"].Value), "the committed row is a run of eng/chaos.sh's defaults");
        RepositoryDocuments.AssertQuotedIn("docs/robustness.md",
            $"The test command runs {ClusterScoringTests.ShortRunFiles} files and {ClusterScoringTests.ShortRunKills} kills; `eng/chaos.sh` runs {files} files and {kills} kills",
            $"Under this run's {kills} kills");
    }

    [TestMethod]
    public void The_docs_quote_when_a_silo_counts_as_stale_and_how_long_the_tests_wait_for_one()
    {
        static TimeSpan Stale(ClusterMembershipOptions o) => o.IAmAliveTablePublishTimeout * o.NumMissedTableIAmAliveLimit;
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.AddTinierHarScoringServices());
        using var host = builder.Build();
        var ours = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        var defaults = new ClusterMembershipOptions();
        RepositoryDocuments.AssertQuotedIn("docs/robustness.md",
            $"The silos count a peer stale after {Stale(ours).TotalSeconds} s without one (Orleans's default is {Stale(defaults).TotalSeconds} s)",
            $"the tests give a silo {ClusterProcesses.SiloReadyLimit.TotalMinutes} minutes to become ready, within the {defaults.MaxJoinAttemptTime.TotalMinutes} minutes Orleans allows a join");
    }

    /// <summary>
    /// The chaos prose quotes the committed run (<c>experiments/cluster-chaos/last-run.log</c>): the recoveries after each
    /// kill, those that waited as long as the client's response timeout or longer, and the silos' failed-check entries;
    /// then the client's timeout against Orleans's default, and the longest waits of the two runs made under that default.
    /// </summary>
    [TestMethod]
    public void The_chaos_prose_quotes_the_committed_runs_and_the_clients_response_timeout()
    {
        var run = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "experiments", "cluster-chaos", "last-run.log"));
        var recoveries = Regex.Matches(run, @"kill \d+: [^\n]*the next file completed ([\d.]+) s later")
            .Select(m => decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Order().ToArray();
        Assert.IsNotEmpty(recoveries, "the run's kills");
        var (timeout, orleansDefault) = (ScoringCluster.ClientResponseTimeout.TotalSeconds, new ClientMessagingOptions().ResponseTimeout.TotalSeconds);
        var waited = recoveries.Where(r => r >= (decimal)timeout).ToArray();
        var failures = Regex.Matches(run, @"silo \d+: \d+ lines, (\d+) 'fail:' entries").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Where(n => n > 0).ToArray();
        var defaultRuns = RepositoryDocuments.Table(Path.Combine("experiments", "cluster-chaos", "results.md"))[..2];
        RepositoryDocuments.AssertQuotedIn("docs/robustness.md",
            $"(a median of {RepositoryDocuments.Fixed(recoveries[recoveries.Length / 2], 1)} s); {RepositoryDocuments.Range(waited, 0)} s when the job had to wait ({waited.Length} of the {recoveries.Length} kills)",
            $"after {orleansDefault} s by default; under that default the runs of {defaultRuns[0]["date"]} and {defaultRuns[1]["date"]} in the table waited up to {defaultRuns[0]["recovery max (s)"]} and {defaultRuns[1]["recovery max (s)"]} s",
            $"The client now waits {timeout} s for an answer",
            $"({RepositoryDocuments.Listed(failures.Select(n => $"{n}"))} `fail:` entr{(failures.Sum() == 1 ? "y" : "ies")} over the run in {failures.Length} silo{(failures.Length == 1 ? "" : "s")})");
        RepositoryDocuments.AssertQuotedIn("docs/cluster.md", $"the client gives up on an unanswered call after {timeout} s (Orleans's default is {orleansDefault} s)");
    }

    [GeneratedRegex(@"\nfiles=(?<files>\d+) kills=(?<kills>\d+) ")]
    private static partial Regex ScriptDefaults();
}
