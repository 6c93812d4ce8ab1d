using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Data;

[TestClass]
public sealed class CsvTimestampTests
{
    private FixtureFolder fixture = null!;

    [TestInitialize]
    public void CreateFolder() => fixture = new FixtureFolder();

    [TestCleanup]
    public void RemoveFolder() => fixture.Dispose();

    private static readonly MLContext Ml = new(seed: 1);

    private static CsvSampleOptions Options(TimestampUnit unit = TimestampUnit.Auto) => new()
    {
        ChannelColumnNames = ["ax"],
        TimestampColumnName = "t",
        TimestampUnit = unit,
    };

    private (double[] Seconds, CsvReadReport Report) Read(string name, IEnumerable<string> times, TimestampUnit unit = TimestampUnit.Auto)
    {
        fixture.Write(name, "t,ax\n" + string.Concat(times.Select(t => $"{t},1\n")));
        var view = Ml.Data.LoadSensorCsv(Path.Combine(fixture.Root, name), Options(unit));
        var seconds = view.GetColumn<double>("t").ToArray();
        return (seconds, view.LastReport!);
    }

    private static IEnumerable<string> Ticks(double start, double step, int count = 40) =>
        Enumerable.Range(0, count).Select(i => (start + i * step).ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    [TestMethod]
    public void Seconds_from_the_CSV_reader_are_not_guessed_again_by_the_windowing()
    {
        // 2 Hz in seconds: the reader (its prior a wearable's 50 Hz) reads seconds; a second guess against windows at
        // 200 Hz would take the same numbers for milliseconds and make the 19.5 s recording last 19.5 ms.
        fixture.Write("slow.csv", "t,ax\n" + string.Concat(Ticks(0, 0.5).Select(t => $"{t},1\n")));
        var samples = Ml.Data.LoadSensorCsv(Path.Combine(fixture.Root, "slow.csv"), Options());
        var windows = Ml.Data.WindowSensorSamples(samples, new SensorWindowingOptions
        {
            ChannelColumnNames = ["ax"],
            TimestampColumnName = "t",
            SamplingRateHz = 200,
            WindowLength = 100,
        });

        var report = windows.CountAll();

        var recording = report.Recordings.Single();
        Assert.AreEqual(TimestampUnit.Seconds, recording.Unit.Unit, recording.Unit.Evidence);
        StringAssert.Contains(recording.Unit.Evidence, "from the loader");
        Assert.AreEqual(19.5, recording.DurationSeconds, 1e-9);
        Assert.AreEqual((19.5 * 200 + 1 - 100) / 50 + 1, report.WindowsProduced, 1, "windows over the whole 19.5 s");
    }

    [TestMethod]
    public void Every_numeric_unit_is_detected_and_read_as_seconds()
    {
        var cases = new (string File, IEnumerable<string> Times, TimestampUnit Unit, double Interval)[]
        {
            ("seconds.csv", Ticks(12.5, 0.02), TimestampUnit.Seconds, 0.02),
            ("unix-ms.csv", Ticks(1_700_000_000_000, 10), TimestampUnit.Milliseconds, 0.01),
            ("micro.csv", Ticks(0, 31_250), TimestampUnit.Microseconds, 1 / 32.0),
            ("boot-ns.csv", Ticks(90_426_708_196_641, 49_500_000), TimestampUnit.Nanoseconds, 0.0495),
        };
        foreach (var (file, times, unit, interval) in cases)
        {
            var (seconds, report) = Read(file, times);
            Assert.AreEqual(unit, report.TimestampUnits[file].Unit, report.TimestampUnits[file].Evidence);
            Assert.AreEqual(interval, seconds[1] - seconds[0], 1e-6, $"{file}: seconds since the epoch keep microseconds");
        }
    }

    [TestMethod]
    public void Date_times_with_and_without_offsets_are_read_as_seconds_since_the_epoch()
    {
        var (seconds, report) = Read("iso.csv", ["2024-05-01T12:00:00.000Z", "2024-05-01T14:00:00.020+02:00", "2024-05-01 12:00:00.04"]);

        Assert.AreEqual(TimestampUnit.DateTime, report.TimestampUnits["iso.csv"].Unit);
        var noon = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        CollectionAssert.AreEqual(new[] { 0.0, 0.02, 0.04 }, seconds.Select(s => Math.Round(s - noon, 6)).ToArray(), "an offset is honoured; none means UTC");
    }

    [TestMethod]
    public void A_given_unit_is_used_as_given()
    {
        var (seconds, report) = Read("given.csv", Ticks(0, 20), TimestampUnit.Milliseconds);
        Assert.AreEqual(0.02, seconds[1], 1e-12);
        Assert.AreEqual("given", report.TimestampUnits["given.csv"].Evidence);
    }

    [TestMethod]
    public void An_unreadable_timestamp_names_the_file_line_and_column()
    {
        var numbers = Assert.ThrowsExactly<InvalidDataException>(() => Read("bad.csv", ["0", "0.02", "later", "0.06"]));
        StringAssert.Contains(numbers.Message, "bad.csv' line 4: column 't': 'later' is not a number (timestamps read as s)");

        var dates = Assert.ThrowsExactly<InvalidDataException>(() => Read("bad-date.csv", ["2024-05-01T12:00:00Z", "2024-05-01T12:00:00.02Z", "2024-13-45"]));
        StringAssert.Contains(dates.Message, "bad-date.csv' line 4: column 't': '2024-13-45' is not a date-time");
    }
}
