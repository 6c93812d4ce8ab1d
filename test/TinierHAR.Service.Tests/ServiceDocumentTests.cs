using System.Text.RegularExpressions;
using TinierHAR.Service.Hosting;
using TinierHAR.TestSupport;

namespace TinierHAR.Service.Tests;

/// <summary>
/// docs/service.md gives the service's settings as they are: the request limits' defaults, and the load runs' sizes
/// (the short run of the test command, and the full run of eng/service-load.sh, whose defaults are those of its
/// committed row).
/// </summary>
[TestClass]
public sealed partial class ServiceDocumentTests
{
    private const string Document = "docs/service.md";

    [TestMethod]
    public void The_docs_quote_the_request_limits_defaults() =>
        RepositoryDocuments.AssertQuotedIn(Document,
            $"`--max-body-mb` (default {HarScoringServiceOptions.DefaultMaxBodyMegabytes}) and `--request-timeout-s` (default {HarScoringServiceOptions.DefaultRequestTimeoutSeconds})");

    [TestMethod]
    public void The_docs_quote_the_load_runs_sizes()
    {
        var row = RepositoryDocuments.Table(Path.Combine("experiments", "service-load", "results.md"))[^1];
        var (clients, seconds) = (row["clients"], row["seconds"]);
        var defaults = ScriptDefaults().Match(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "eng", "service-load.sh")));
        Assert.IsTrue(defaults.Success, "eng/service-load.sh sets its defaults");
        Assert.AreEqual((clients, seconds), (defaults.Groups["clients"].Value, defaults.Groups["seconds"].Value), "the committed row is a run of eng/service-load.sh's defaults");
        RepositoryDocuments.AssertQuotedIn(Document,
            $"The test command runs {LoadTests.ShortRunClients} clients for {LoadTests.ShortRunSeconds} s on a quarter-hour log; `eng/service-load.sh` runs {clients} clients for {seconds} s",
            $"with the service, the {clients} clients and a training job",
            $"latency is mostly waiting, {clients} logs being scored side by side");
    }

    [GeneratedRegex(@"\nclients=\$\{1:-(?<clients>\d+)\}\nseconds=\$\{2:-(?<seconds>\d+)\}\n")]
    private static partial Regex ScriptDefaults();
}
