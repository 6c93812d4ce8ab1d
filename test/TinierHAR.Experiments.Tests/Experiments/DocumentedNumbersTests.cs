using System.Globalization;
using System.Text.RegularExpressions;
using TinierHAR.TestSupport;

namespace TinierHAR.Experiments.Tests.Experiments;

/// <summary>
/// The results quoted in prose (four-decimal numbers in README.md and the training-fidelity report, outside the
/// blocks that the report regenerates and other tests compare) are committed ones: a value of a results or reference
/// file, of a trajectory of the replays or of the authors' runs that the prose walks through, of a score file the
/// authors' code wrote (their runs' committed output), a generated table's, or a statistic the prose computes from
/// those files (means and standard errors with the report code's own statistics, <c>SeedMeans</c>; one model's lead over
/// another on the same run). Benchmark figures in prose:
/// <see cref="RunFiguresInProseTests"/>.
/// </summary>
[TestClass]
public sealed partial class DocumentedNumbersTests
{
    private static readonly string Root = SharedData.RepositoryRoot;

    [TestMethod]
    [DataRow("README.md")]
    [DataRow("docs/training-fidelity.md")]
    public void Every_result_quoted_in_the_prose_is_committed(string document)
    {
        var known = CommittedValues();
        var text = RepositoryDocuments.GeneratedBlock().Replace(File.ReadAllText(Path.Combine(Root, document)), "");
        var unknown = FourDecimals().Matches(text).Select(m => m.Value).Where(v => !known.Contains(v)).Distinct().ToList();
        Assert.IsEmpty(unknown, $"{document} quotes results that no committed file holds: {string.Join(", ", unknown)}");
    }

    private static HashSet<string> CommittedValues()
    {
        var experiments = Path.Combine(Root, "experiments");
        var files = Directory.EnumerateFiles(experiments, "*.csv", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is "results.csv" or "reference.csv")
            .Concat(Directory.EnumerateFiles(Path.Combine(experiments, "hapt", "replay", "trajectories"), "*.csv"))
            .Concat(Directory.EnumerateFiles(Path.Combine(experiments, "hapt", "authors", "trajectories"), "*.csv"))
            .Concat(Directory.EnumerateFiles(Path.Combine(experiments, "hapt", "authors", "logs"), "score.txt", SearchOption.AllDirectories));
        var known = files.SelectMany(f => Numbers().Matches(File.ReadAllText(f)).Select(m => Rounded(double.Parse(m.Value, CultureInfo.InvariantCulture)))).ToHashSet();

        // The generated tables' means and standard errors (their own tests regenerate them from the same files).
        foreach (var document in Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md")))
        {
            foreach (Match block in RepositoryDocuments.GeneratedBlock().Matches(File.ReadAllText(document)))
                known.UnionWith(FourDecimals().Matches(block.Value).Select(m => m.Value));
        }

        // "Over seeds 1–3 the default recipe scores macro F1 a ± b and the computed one c ± d": mean ± SD, HAPT fold 1.
        var hapt = CsvRows.Read(Path.Combine(experiments, "hapt", "results.csv"));
        foreach (var recipe in new[] { "zero", "computed" })
        {
            var f1 = hapt.Where(r => r["model"] == "tinierhar" && r["fold"] == "1" && r["precision"] == "float32" && r["cancelled_biases"] == recipe && r["seed"] is "1" or "2" or "3")
                .Select(r => double.Parse(r["macro_f1"], CultureInfo.InvariantCulture)).ToArray();
            Assert.HasCount(3, f1, recipe);
            known.UnionWith(SeedMeans.Format(f1).Split(" ± "));
        }

        // "its lead over TinierHAR is a and b": one model's macro F1 less another's on the same run, in any results file.
        foreach (var path in files.Where(f => Path.GetFileName(f) == "results.csv"))
        {
            foreach (var run in ExperimentResults.Open(path).Rows.GroupBy(r => (r.Fold, r.Seed, r.Precision, r.CancelledBiases)))
                known.UnionWith(from a in run from b in run where a.Model != b.Model select Rounded(a.MacroF1 - b.MacroF1));
        }

        // "On their splits ... our runs score ... against their ...: d ± se": the report's difference of the means and its SE.
        var (difference, variance) = SeedMeans.Difference(
            MacroF1(Path.Combine(experiments, "hapt", "authors-split", "results.csv"), fold: "2", seeds: 5),
            MacroF1(Path.Combine(experiments, "hapt", "reference.csv"), fold: "2", seeds: 5));
        known.Add(Rounded(difference));
        known.Add(Rounded(Math.Sqrt(variance)));
        return known;
    }

    private static double[] MacroF1(string file, string fold, int seeds) =>
        CsvRows.Read(file).Where(r => r["fold"] == fold && int.Parse(r["seed"], CultureInfo.InvariantCulture) <= seeds)
            .Select(r => double.Parse(r["macro_f1"], CultureInfo.InvariantCulture)).ToArray();

    private static string Rounded(double value) => Math.Abs(value).ToString("F4", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"-?\d+\.\d+")]
    private static partial Regex Numbers();

    [GeneratedRegex(@"(?<![\d.])\d\.\d{4}(?![\d])")]
    private static partial Regex FourDecimals();
}
