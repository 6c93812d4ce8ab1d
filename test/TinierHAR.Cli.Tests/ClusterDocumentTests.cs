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
/// of eng/chaos.sh, whose defaults are those of its committed row), when the silos count a peer stale, and how long
/// the tests wait for a silo to join.
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

    [GeneratedRegex(@"\nfiles=(?<files>\d+) kills=(?<kills>\d+) ")]
    private static partial Regex ScriptDefaults();
}
