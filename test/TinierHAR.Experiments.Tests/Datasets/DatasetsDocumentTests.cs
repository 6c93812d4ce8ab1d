using System.Globalization;
using System.Text.RegularExpressions;
using TinierHAR.Datasets;
using TinierHAR.TestSupport;

namespace TinierHAR.Experiments.Tests.Datasets;

/// <summary>
/// The documents describe the datasets the package reads as it reads them: docs/datasets.md's table has a row for
/// every key of <see cref="HarDatasets.All"/> and no other, each with the dataset's channels, rate, window length,
/// classes and folds, and the experiment verb's protocol; README.md counts them.
/// </summary>
[TestClass]
public sealed partial class DatasetsDocumentTests
{
    [TestMethod]
    public void The_docs_table_describes_every_dataset()
    {
        var rows = RepositoryDocuments.Table("docs/datasets.md").Where(row => row["key"] != "—").ToArray();
        CollectionAssert.AreEqual(HarDatasets.All.Select(d => $"`{d.Key}`").ToArray(), rows.Select(row => row["key"]).ToArray(), "docs/datasets.md's rows, in the package's order");
        foreach (var (dataset, row) in HarDatasets.All.Zip(rows))
        {
            var where = $"docs/datasets.md, {dataset.Key}";
            Assert.AreEqual($"{dataset.ChannelNames.Count}", row["channels"], $"{where}: channels");

            var rate = Rate().Match(row["rate → W"]);
            Assert.IsTrue(rate.Success, $"{where}: rate → W reads '{row["rate → W"]}'");
            var over = rate.Groups["over"].Success ? double.Parse(rate.Groups["over"].Value, CultureInfo.InvariantCulture) : 1;
            var hz = double.Parse(rate.Groups["hz"].Value, CultureInfo.InvariantCulture) / over;
            Assert.AreEqual(hz, dataset.SamplingRateHz, rate.Groups["about"].Success ? 0.5 : 1e-9, $"{where}: rate");
            Assert.AreEqual($"{dataset.WindowLength}", rate.Groups["w"].Value, $"{where}: window length");

            Assert.AreEqual($"{dataset.ClassNames.Count}", row["classes"].Split(' ')[0], $"{where}: classes");

            var folds = Folds().Match(row["folds"]);
            Assert.IsTrue(folds.Success, $"{where}: folds read '{row["folds"]}'");
            Assert.AreEqual($"{dataset.Folds.Count}", folds.Groups["count"].Value, $"{where}: folds");
            if (folds.Groups["subjects"].Success)
            {
                var sizes = dataset.Folds.Select(f => f.Count).Distinct().Order().Select(n => $"{n}").ToArray();
                Assert.AreEqual(folds.Groups["subjects"].Value, string.Join('–', sizes), $"{where}: test subjects per fold");
            }
            Assert.AreEqual(row["folds"].Contains("shuffled slices", StringComparison.Ordinal), dataset.FoldScheme == FoldScheme.ShuffledSlices, $"{where}: fold scheme");
        }
    }

    [TestMethod]
    public void The_docs_describe_the_experiment_verbs_protocol()
    {
        var paper = PaperExperimentOptions.For(TrainingRecipe.Paper);
        RepositoryDocuments.AssertQuotedIn("docs/datasets.md",
            string.Create(CultureInfo.InvariantCulture, $"a seeded random {100 * paper.ValidationFraction:0.##} % validating; AdamW with the plateau and early-stopping schedule (at most {paper.MaxEpochs} epochs)"));
    }

    [TestMethod]
    public void The_docs_count_the_datasets() =>
        RepositoryDocuments.AssertQuotedIn("README.md",
            $"{HarDatasets.All.Count} public HAR benchmarks (the paper's {HarDatasets.Paper.Count} and {HarDatasets.Other.Count} more) and UEA `.ts` problems");

    // "64 Hz → 256", "100/3 Hz → 132", "≈33 Hz → 132", "50 Hz (binned) → 200".
    [GeneratedRegex(@"^(?<about>≈)?(?<hz>[\d.]+)(?:/(?<over>\d+))? Hz(?: \([a-z]+\))? → (?<w>\d+)$")]
    private static partial Regex Rate();

    // "10 × 1 subject", "7 × 2", "10 × 5–6" (folds of 5 or 6 subjects), "5 shuffled slices", "10".
    [GeneratedRegex(@"^(?<count>\d+)(?: × (?<subjects>\d+(?:–\d+)?)(?: subjects?)?| shuffled slices)?$")]
    private static partial Regex Folds();
}
