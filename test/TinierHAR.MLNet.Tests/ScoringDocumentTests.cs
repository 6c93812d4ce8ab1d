using System.Globalization;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Tests.Data;
using TinierHAR.MLNet.Windowing;
using TinierHAR.TestSupport;
using static TinierHAR.MLNet.Tests.Windowing.TimeStagePropertyTests;

namespace TinierHAR.MLNet.Tests;

/// <summary>
/// docs/scoring.md, docs/device-logs.md and docs/robustness.md describe the scoring path's limits and its test harnesses
/// as they are: the clock checks, the rate's regular intervals and the length of quoted input, the property tests'
/// generator and how many logs each property runs, and the fuzzer's seed corpus.
/// </summary>
[TestClass]
public sealed class ScoringDocumentTests
{
    private const string Document = "docs/robustness.md";

    [TestMethod]
    public void The_docs_describe_the_property_tests_generator() =>
        RepositoryDocuments.AssertQuotedIn(Document,
            string.Create(CultureInfo.InvariantCulture, $"rates of {MinRateHz}–{MaxRateHz} Hz, 1–{MaxSubjects} subjects per file, up to {MaxRowsPerSubject} rows each, ")
                + string.Create(CultureInfo.InvariantCulture, $"timestamp jitter up to {100 * MaxJitter:0.##} % of an interval, up to {100 * MaxDrops:0.##} % dropped and {100 * MaxRepeats:0.##} % repeated samples"),
            $"Each runs {FewLogs}–{ManyLogs} random logs from a fixed seed");

    [TestMethod]
    public void The_docs_count_the_fuzzers_seed_corpus() =>
        RepositoryDocuments.AssertQuotedIn(Document, $"seeds from `corpus/` ({Directory.GetFiles(Path.Combine(FuzzCorpusTests.Harness, "corpus")).Length} generated logs");

    [TestMethod]
    public void The_docs_quote_the_clock_checks_and_the_quoted_input_lengths()
    {
        RepositoryDocuments.AssertQuotedIn(Document,
            $"A recording whose median interval is over {UniformGridCursor.MaxUpsampling} of the windows' intervals is now refused as a wrong time unit");
        RepositoryDocuments.AssertQuotedIn("docs/scoring.md",
            $"({UniformGridCursor.UnitChangeIntervals} intervals in a row a power of 1000 off the recording's median)",
            $"a recording whose median interval is over {UniformGridCursor.MaxUpsampling} of the windows' intervals",
            $"Errors quote at most {InputText.ValueLimit} characters of a value and {InputText.ListLimit} of a header");
        RepositoryDocuments.AssertQuotedIn("docs/device-logs.md",
            string.Create(CultureInfo.InvariantCulture, $"the mean of its regular intervals, those within {IntervalStatistics.RegularFrom}–{IntervalStatistics.RegularTo} times the median"),
            string.Create(CultureInfo.InvariantCulture, $"refuses a recording more than {100 * UniformGridCursor.RateTolerance:0.##} % off the model's rate"));
    }
}
