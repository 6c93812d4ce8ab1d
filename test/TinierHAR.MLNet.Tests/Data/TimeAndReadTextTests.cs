using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Tests.Data;

/// <summary>
/// The short texts the loader and the reports are read by: time-unit names both ways, seconds as reports write them,
/// the clock unit decided from the intervals, date-times as seconds, the CSV read report's summary lines, and how an
/// error quotes the input (long values cut, long lists counted).
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
    public void A_clock_unit_is_the_one_whose_median_interval_gives_the_rate_nearest_the_expected()
    {
        CollectionAssert.AreEqual(new[] { 1, 1e-3, 1e-6, 1e-9, 1, 1 },
            new[] { TimestampUnit.Seconds, TimestampUnit.Milliseconds, TimestampUnit.Microseconds, TimestampUnit.Nanoseconds, TimestampUnit.Auto, TimestampUnit.DateTime }
                .Select(TimestampUnits.SecondsPer).ToArray());

        Assert.AreEqual(2.5, TimestampUnits.MedianInterval([0, 1, 1, 1, 1, 1, 0.5, 3, 6]), "repeats and steps back are not intervals (counted, they would give 0)");
        Assert.AreEqual(2.0, TimestampUnits.MedianInterval([0, 1, 3, 6]), "the upper median of 1, 2, 3");
        Assert.IsNull(TimestampUnits.MedianInterval([5, 5, 4]));
        Assert.IsNull(TimestampUnits.MedianInterval([]));

        var ms = TimestampUnits.Detect([.. Enumerable.Range(0, 64).Select(i => 1_700_000_000_000.0 + 20 * i)], null);
        Assert.AreEqual(new TimestampDecision(TimestampUnit.Milliseconds, "median interval 20 ms over the first 64 samples: 50 Hz, nearest a wearable's usual 50 Hz"), ms);
        var seconds = TimestampUnits.Detect([0, 0.01, 0.02, 0.03], 100);
        Assert.AreEqual(new TimestampDecision(TimestampUnit.Seconds, "median interval 0.01 s over the first 4 samples: 100 Hz, nearest the expected 100 Hz"), seconds);
        Assert.AreEqual(TimestampUnit.Microseconds, TimestampUnits.Detect([0, 31_250, 62_500], 32).Unit);
        Assert.AreEqual(TimestampUnit.Nanoseconds, TimestampUnits.Detect([0, 2e7, 4e7], null).Unit);
        // 10 ms ticks: 100 Hz read as milliseconds is nearer 50 Hz than 0.1 Hz read as seconds... and than 100 kHz.
        Assert.AreEqual(TimestampUnit.Milliseconds, TimestampUnits.Detect([0, 10, 20], null).Unit);
        Assert.AreEqual(new TimestampDecision(TimestampUnit.Seconds, "too few distinct timestamps to tell; seconds assumed"), TimestampUnits.Detect([3, 3], null));
    }

    [TestMethod]
    public void A_date_time_reads_as_seconds_since_the_epoch_in_utc_unless_it_says_its_offset()
    {
        Assert.IsTrue(TimestampUnits.TryParseDateTime("1970-01-01T00:01:00.5", out var utc));
        Assert.AreEqual(60.5, utc);
        Assert.IsTrue(TimestampUnits.TryParseDateTime(" 2026-12-01 08:00:00+01:00 ", out var offset));
        Assert.AreEqual(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), offset);
        Assert.IsFalse(TimestampUnits.TryParseDateTime("yesterday", out var none));
        Assert.IsTrue(double.IsNaN(none));
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
