using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Windowing;

[TestClass]
public sealed class DeviceFaultTests
{
    private FixtureFolder fixture = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateFolder() => fixture = new FixtureFolder();

    [TestCleanup]
    public void RemoveFolder() => fixture.Dispose();

    private static readonly MLContext Ml = new(seed: 1);

    private sealed class Window
    {
        public float[] Features { get; set; } = [];
        public string Activity { get; set; } = "";
        public string Subject { get; set; } = "";
    }

    private static SyntheticImuOptions Clean() => new() { Subjects = 2, Seed = 5, BoutsPerSubject = 6, MinBoutSeconds = 10, MaxBoutSeconds = 14 };

    /// <summary>The log written as CSV, read back with auto-detected time units, windowed at 50 Hz (2.56 s, half overlap).</summary>
    private (List<Window> Windows, WindowingReport Report, CsvReadReport Read) Windowed(string name, SyntheticImuOptions options)
    {
        var path = Path.Combine(fixture.Root, name);
        SyntheticImuCsv.Write(path, options);
        var samples = Ml.Data.LoadSensorCsv(path, new CsvSampleOptions
        {
            ChannelColumnNames = ImuSample.ChannelNames,
            TimestampColumnName = "Time",
            LabelColumnName = "Activity",
            SubjectColumnName = "Subject",
        });
        var view = Ml.Data.WindowSensorSamples(samples, new SensorWindowingOptions
        {
            ChannelColumnNames = ImuSample.ChannelNames,
            WindowLength = 128,
            SamplingRateHz = 50,
            LabelColumnName = "Activity",
            GroupColumnNames = ["Subject"],
            TimestampColumnName = "Time",
        });
        var windows = Ml.Data.CreateEnumerable<Window>(view, reuseRowObject: false).ToList();
        return (windows, view.LastReport!, samples.LastReport!);
    }

    [TestMethod]
    public void A_faulty_device_log_gives_the_clean_windows_within_the_resampling_error()
    {
        var (clean, _, _) = Windowed("clean.csv", Clean());
        var faulty = Clean();
        faulty.TimestampJitterSeconds = 0.003;
        faulty.DroppedSampleFraction = 0.03;
        faulty.RepeatedTimestampFraction = 0.01;
        faulty.TimeUnit = TimestampUnit.Milliseconds;
        faulty.ClockStart = new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var (windows, report, read) = Windowed("faulty.csv", faulty);

        Assert.AreEqual(TimestampUnit.Milliseconds, read.TimestampUnits["faulty.csv"].Unit, read.TimestampUnits["faulty.csv"].Evidence);
        Assert.AreEqual(report.RowsRead, report.RowsInWindows + report.RowsNotCovered + report.RowsRemoved.Values.Sum(), report.ToString());
        Assert.IsGreaterThanOrEqualTo(0.97, report.RowsInWindows / (double)report.RowsRead, report.ToString());
        Assert.IsGreaterThan(0, report.Recordings.Sum(r => r.RepeatedTimestamps));
        Assert.AreEqual(0, report.Gaps, "drops of one or two samples are not gaps");

        // The grid starts at each recording's first kept sample, within a jitter or a dropped interval of the clean one.
        Assert.AreEqual(clean.Count, windows.Count, 2);
        var pairs = clean.Zip(windows).ToList();
        var labels = pairs.Count(p => p.First.Activity == p.Second.Activity) / (double)pairs.Count;
        var difference = Math.Sqrt(pairs.Average(p => p.First.Features.Zip(p.Second.Features, (a, b) => (a - b) * (a - b)).Average()));
        var spread = Math.Sqrt(clean.Average(w => w.Features.Average(v => v * v)));
        TestContext.WriteLine($"{windows.Count} windows (clean {clean.Count}); labels agree {labels:P1}; RMS difference {difference:0.0000} against RMS {spread:0.0000} ({difference / spread:P2})");
        Assert.IsGreaterThanOrEqualTo(0.97, labels);
        Assert.IsLessThan(0.05, difference / spread, "the faulty log's windows hold the clean signal to 5 % RMS");
        RepositoryDocuments.AssertQuotedIn("docs/device-logs.md",
        [
            string.Create(CultureInfo.InvariantCulture, $"`generate --time-unit ms --clock-start {faulty.ClockStart:yyyy-MM-ddTHH:mm:ssZ} --jitter {faulty.TimestampJitterSeconds} "
                + $"--drop {faulty.DroppedSampleFraction} --repeat {faulty.RepeatedTimestampFraction}`"),
            string.Create(CultureInfo.InvariantCulture,
                $"such a log's windows hold the clean windows to {100 * difference / spread:0.0} % RMS with {100 * labels:0.0} % of labels equal (`DeviceFaultTests`)"),
        ]);
    }

    [TestMethod]
    public void A_second_rate_is_found_per_recording_and_resampled()
    {
        var options = Clean();
        options.SecondSamplingRateHz = 100;
        var (windows, report, _) = Windowed("two-rates.csv", options);

        CollectionAssert.AreEqual(new[] { 50.0, 100.0 }, report.Recordings.Select(r => Math.Round(r.RateHz, 6)).ToArray());
        RepositoryDocuments.AssertQuotedIn("docs/device-logs.md", string.Create(CultureInfo.InvariantCulture, $"`--second-rate {options.SecondSamplingRateHz}` records every other subject"));
        foreach (var recording in report.Recordings)
        {
            var expected = (int)((recording.DurationSeconds * 50 + 1 - 128) / 64) + 1;
            Assert.AreEqual(expected, windows.Count(w => recording.Recording.EndsWith(w.Subject, StringComparison.Ordinal)), recording.Recording);
        }
    }

    [TestMethod]
    public void Every_clock_the_generator_writes_reads_back_as_the_same_seconds()
    {
        var reference = Windowed("s.csv", Clean()).Windows;
        foreach (var unit in new[] { TimestampUnit.Milliseconds, TimestampUnit.Microseconds, TimestampUnit.Nanoseconds, TimestampUnit.DateTime })
        {
            var options = Clean();
            options.TimeUnit = unit;
            options.ClockStart = unit == TimestampUnit.Microseconds ? null : new DateTimeOffset(2023, 11, 2, 8, 30, 0, TimeSpan.FromHours(1));
            var (windows, _, read) = Windowed($"{unit}.csv", options);
            Assert.AreEqual(unit, read.TimestampUnits[$"{unit}.csv"].Unit);
            Assert.AreEqual(reference.Count, windows.Count, unit.ToString());
            Assert.IsTrue(reference.Zip(windows).All(p => p.First.Features.SequenceEqual(p.Second.Features)), $"{unit}: the same samples on the same grid");
        }
    }
}
