using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Tests;

/// <summary>
/// The short texts the loader and the reports are read by: time-unit names both ways, seconds as reports write them,
/// the CSV read report's summary lines, and how an error quotes the input (long values cut, long lists counted).
/// </summary>
[TestClass]
public sealed class TimeAndReadTextTests
{
    [TestMethod]
    public void Every_time_unit_has_a_short_name_that_parses_back_as_does_its_enum_name()
    {
        var expected = new Dictionary<TimestampUnit, string>
        {
            [TimestampUnit.Auto] = "auto",
            [TimestampUnit.Seconds] = "s",
            [TimestampUnit.Milliseconds] = "ms",
            [TimestampUnit.Microseconds] = "us",
            [TimestampUnit.Nanoseconds] = "ns",
            [TimestampUnit.DateTime] = "datetime",
        };
        CollectionAssert.AreEquivalent(Enum.GetValues<TimestampUnit>(), expected.Keys.ToArray(), "every unit is named");
        foreach (var (unit, symbol) in expected)
        {
            Assert.AreEqual(symbol, unit.Symbol());
            Assert.AreEqual(unit, TimestampUnitNames.Parse(symbol));
            Assert.AreEqual(unit, TimestampUnitNames.Parse(symbol.ToUpperInvariant()), "case does not matter");
            Assert.AreEqual(unit, TimestampUnitNames.Parse(unit.ToString().ToLowerInvariant()), "the enum's name works too");
        }
        Assert.AreEqual("Unknown time unit 'h': use auto, s, ms, us, ns or datetime.",
            Assert.ThrowsExactly<ArgumentException>(() => TimestampUnitNames.Parse("h")).Message);
        Assert.AreEqual("ms (median interval 0.02 s)", new TimestampDecision(TimestampUnit.Milliseconds, "median interval 0.02 s").ToString());
    }

    [TestMethod]
    public void Seconds_are_written_with_up_to_six_decimals_and_huge_values_in_six_significant_digits()
    {
        Assert.AreEqual("0.02", SecondsText.Format(0.02));
        Assert.AreEqual("1.5", SecondsText.Format(1.5));
        Assert.AreEqual("0.000001", SecondsText.Format(0.0000011));
        Assert.AreEqual("0", SecondsText.Format(0.0000001));
        Assert.AreEqual("-3600", SecondsText.Format(-3600));
        Assert.AreEqual("999999999999999", SecondsText.Format(999_999_999_999_999));
        Assert.AreEqual("1E+15", SecondsText.Format(1e15), "from 1e15 on: six significant digits");
        Assert.AreEqual("-1.23457E+18", SecondsText.Format(-1.2345678e18));
    }

    [TestMethod]
    public void An_error_quotes_input_whole_up_to_its_limit_and_cuts_longer_values_with_their_length()
    {
        var limit = new string('x', InputText.ValueLimit);
        Assert.AreEqual($"'{limit}'", InputText.Quote(limit));
        Assert.AreEqual($"'{limit}…' (1,234 characters)", InputText.Quote(limit + new string('y', 1234 - InputText.ValueLimit)));
        Assert.AreEqual("'ab…' (3 characters)", InputText.Quote("abc", limit: 2));
        Assert.AreEqual("''", InputText.Quote(""));
    }

    [TestMethod]
    public void An_error_lists_names_up_to_its_limit_and_counts_the_rest()
    {
        Assert.AreEqual("'a', 'b', 'c'", InputText.List(["a", "b", "c"]));
        Assert.AreEqual("", InputText.List([]));
        // A quoted name takes 3 characters and its separator 2: two names reach 8, a third 13 (at the limit, it is shown).
        Assert.AreEqual("'a', 'b' and 2 more", InputText.List(["a", "b", "c", "d"], limit: 9));
        Assert.AreEqual("'a', 'b', 'c' and 1 more", InputText.List(["a", "b", "c", "d"], limit: 13));
        Assert.AreEqual("'long name' and 1,000 more", InputText.List([.. Enumerable.Repeat("long name", 1001)], limit: 5), "the first is always shown");
    }

    [TestMethod]
    public void The_read_report_sums_its_skipped_rows_and_names_each_files_time_unit()
    {
        var clean = new CsvReadReport { Files = 2, RowsRead = 1000 };
        Assert.AreEqual("2 file(s), 1000 rows read, 0 skipped", clean.ToString());
        Assert.IsEmpty(clean.TimestampSummary().ToArray());

        var report = clean with
        {
            RowsSkipped = new Dictionary<string, long> { ["malformed"] = 3, ["blank"] = 2 },
            TimestampUnits = new Dictionary<string, TimestampDecision>
            {
                ["a.csv"] = new(TimestampUnit.Seconds, "median 0.02"),
                ["b.csv"] = new(TimestampUnit.Milliseconds, "median 20"),
                ["c.csv"] = new(TimestampUnit.Seconds, "median 0.01"),
            },
        };
        Assert.AreEqual("2 file(s), 1000 rows read, 5 skipped (3 malformed, 2 blank)", report.ToString());
        CollectionAssert.AreEqual(new[] { "s in 2 file(s) (first, a.csv: median 0.02)", "ms in 1 file(s) (first, b.csv: median 20)" },
            report.TimestampSummary().ToArray());
    }
}
