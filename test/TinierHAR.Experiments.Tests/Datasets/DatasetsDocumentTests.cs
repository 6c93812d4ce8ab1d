using System.Text.RegularExpressions;
using TinierHAR.Datasets;
using TinierHAR.TestSupport;

namespace TinierHAR.Experiments.Tests.Datasets;

/// <summary>
/// The documents name the datasets the package reads: docs/datasets.md's table has a row for every key of
/// <see cref="HarDatasets.All"/> and no other, and README.md counts them as the package holds them.
/// </summary>
[TestClass]
public sealed partial class DatasetsDocumentTests
{
    [TestMethod]
    public void The_docs_table_lists_every_dataset()
    {
        var keys = File.ReadLines(Path.Combine(SharedData.RepositoryRoot, "docs", "datasets.md"))
            .Select(line => TableKey().Match(line)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();
        CollectionAssert.AreEqual(HarDatasets.All.Select(d => d.Key).ToArray(), keys, "docs/datasets.md's rows, in the package's order");
    }

    [TestMethod]
    public void The_docs_count_the_datasets() =>
        RepositoryDocuments.AssertQuotedIn("README.md",
            $"{HarDatasets.All.Count} public HAR benchmarks (the paper's {HarDatasets.Paper.Count} and {HarDatasets.Other.Count} more) and UEA `.ts` problems");

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \|")]
    private static partial Regex TableKey();
}
