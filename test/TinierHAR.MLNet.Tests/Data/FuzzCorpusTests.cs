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
    internal static readonly string Harness = Path.Combine(SharedData.RepositoryRoot, "test", "TinierHAR.Fuzz");

    public static IEnumerable<object[]> Inputs() =>
        new[] { "corpus", "findings" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Harness, folder)))
            .Where(path => Path.GetFileName(path) != "README.md")
            .Order(StringComparer.Ordinal)
            .Select(path => new object[] { Path.GetRelativePath(Harness, path) });

    /// <summary>The committed seeds are what <see cref="CorpusSeeds"/> writes, byte for byte: every time unit, clean, faulty and at two rates.</summary>
    [TestMethod]
    public void The_seed_corpus_is_what_its_generator_writes()
    {
        using var folder = new FixtureFolder();
        CorpusSeeds.Write(folder.Root);
        var written = Directory.GetFiles(folder.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var committed = Directory.GetFiles(Path.Combine(Harness, "corpus")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(written, committed);
        foreach (var name in written)
            CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(folder.Root, name!)), File.ReadAllBytes(Path.Combine(Harness, "corpus", name!)), name);
    }

    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    [DynamicData(nameof(Inputs))]
    public void A_fuzz_input_is_read_or_refused_with_a_clear_error(string input) =>
        CsvLogTarget.Run(File.ReadAllBytes(Path.Combine(Harness, input)));
}
