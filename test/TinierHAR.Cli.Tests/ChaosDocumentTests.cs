using System.Text.RegularExpressions;
using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>
/// docs/robustness.md gives the chaos runs' sizes as they are: the short run of the test command, and the full run of
/// eng/chaos.sh, whose defaults are those of its committed row.
/// </summary>
[TestClass]
public sealed partial class ChaosDocumentTests
{
    [TestMethod]
    public void The_docs_quote_the_chaos_runs_sizes()
    {
        var row = File.ReadLines(Path.Combine(SharedData.RepositoryRoot, "experiments", "cluster-chaos", "results.md")).Last()
            .Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        var (files, kills) = (row[0], row[1].Split(' ')[0]);
        var defaults = ScriptDefaults().Match(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "eng", "chaos.sh")));
        Assert.IsTrue(defaults.Success, "eng/chaos.sh sets its defaults");
        Assert.AreEqual((files, kills), (defaults.Groups["files"].Value, defaults.Groups["kills"].Value), "the committed row is a run of eng/chaos.sh's defaults");
        RepositoryDocuments.AssertQuotedIn("docs/robustness.md",
            $"The test command runs {ClusterScoringTests.ShortRunFiles} files and {ClusterScoringTests.ShortRunKills} kills; `eng/chaos.sh` runs {files} files and {kills} kills",
            $"Under this run's {kills} kills");
    }

    [GeneratedRegex(@"\nfiles=(?<files>\d+) kills=(?<kills>\d+) ")]
    private static partial Regex ScriptDefaults();
}
