using TinierHAR.Fuzz;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Data;

/// <summary>
/// Replays the fuzzer's seed corpus and every input it found failing (test/TinierHAR.Fuzz: corpus/ and findings/)
/// through the fuzz target: each must be read or refused with a clear error, with every row accounted for.
/// </summary>
[TestClass]
public sealed class FuzzCorpusTests
{
    private static readonly string Harness = Path.Combine(SharedData.RepositoryRoot, "test", "TinierHAR.Fuzz");

    public static IEnumerable<object[]> Inputs() =>
        new[] { "corpus", "findings" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Harness, folder)))
            .Where(path => Path.GetFileName(path) != "README.md")
            .Order(StringComparer.Ordinal)
            .Select(path => new object[] { Path.GetRelativePath(Harness, path) });

    [TestMethod]
    public void The_seed_corpus_covers_every_time_unit_clean_and_faulty() =>
        Assert.IsGreaterThanOrEqualTo(15, Directory.GetFiles(Path.Combine(Harness, "corpus")).Length);

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    [DynamicData(nameof(Inputs))]
    public void A_fuzz_input_is_read_or_refused_with_a_clear_error(string input) =>
        CsvLogTarget.Run(File.ReadAllBytes(Path.Combine(Harness, input)));
}
