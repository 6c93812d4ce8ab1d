using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Windowing;

[TestClass]
public sealed class TimestampedWindowingTests
{
    public sealed class Sample
    {
        public float X { get; set; }
        public float Y { get; set; }
        public string Activity { get; set; } = "a";
        public string Subject { get; set; } = "s1";
        public double Time { get; set; }
    }

    public sealed class MillisecondSample
    {
        public float X { get; set; }
        public float Y { get; set; }
        public string Subject { get; set; } = "s1";
        public long Time { get; set; }
    }

    private sealed class Window
    {
        public float[] Features { get; set; } = [];
        public string Activity { get; set; } = "";
        public double StartTime { get; set; }
    }

    private static readonly MLContext Ml = new(seed: 1);

    private static SensorWindowingOptions Options(double rate = 50, int t = 16, int step = 8) => new()
    {
        ChannelColumnNames = ["X", "Y"],
        WindowLength = t,
        Step = step,
        SamplingRateHz = rate,
        LabelColumnName = "Activity",
        GroupColumnNames = ["Subject"],
        TimestampColumnName = "Time",
    };

    private static (List<Window> Windows, WindowingReport Report) Run(IEnumerable<Sample> samples, SensorWindowingOptions options)
    {
        var view = Ml.Data.WindowSensorSamples(Ml.Data.LoadFromEnumerable(samples), options);
        var windows = Ml.Data.CreateEnumerable<Window>(view, reuseRowObject: false).ToList();
        return (windows, view.LastReport!);
    }

    /// <summary>X = row index, sampled at <paramref name="rate"/> Hz.</summary>
    private static List<Sample> Ramp(int count, double rate = 50) =>
        Enumerable.Range(0, count).Select(i => new Sample { X = i, Y = -i, Time = i / rate }).ToList();

    private static void AssertEveryRowAccountedFor(WindowingReport report) =>
        Assert.AreEqual(report.RowsRead, report.RowsInWindows + report.RowsNotCovered + report.RowsRemoved.Values.Sum(), report.ToString());

    [TestMethod]
    public void Jittered_timestamps_on_the_grid_give_the_true_signal_within_the_interpolation_error()
    {
        // A 1.5 Hz sine sampled at 50 Hz where each sample is taken up to ±6 ms (30 % of an interval) off its tick and
        // stamped with its true time. On the grid, linear interpolation errs by at most h²/8 · max|x''|, with h the longest
        // interval (32 ms): 0.032² / 8 · (2π · 1.5)² = 0.0114.
        const double frequency = 1.5;
        var random = new Random(7);
        var samples = Enumerable.Range(0, 500).Select(i =>
        {
            var time = i / 50.0 + (random.NextDouble() - 0.5) * 0.012;
            return new Sample { X = (float)Math.Sin(2 * Math.PI * frequency * time), Y = (float)Math.Cos(2 * Math.PI * frequency * time), Time = time };
        }).ToList();

        var (windows, report) = Run(samples, Options());
        var origin = samples[0].Time;
        var gridError = windows.Max(w => w.Features.Where((_, i) => i % 2 == 0)
            .Select((x, k) => Math.Abs(x - Math.Sin(2 * Math.PI * frequency * (w.StartTime + k / 50.0)))).Max());
        var unsampled = Options();
        unsampled.Resample = false;
        var (raw, _) = Run(samples, unsampled);
        var rawError = raw.Max(w => w.Features.Where((_, i) => i % 2 == 0)
            .Select((x, k) => Math.Abs(x - Math.Sin(2 * Math.PI * frequency * (w.StartTime + k / 50.0)))).Max());

        TestContext.WriteLine($"largest error on the grid {gridError:0.00000}, read as evenly spaced {rawError:0.00000}");
        Assert.IsLessThan(0.0114, gridError, "the grid holds the true signal at its points");
        Assert.IsGreaterThan(3 * gridError, rawError, "ignoring the jitter costs more");
        RepositoryDocuments.AssertQuotedIn("docs/device-logs.md", string.Create(CultureInfo.InvariantCulture,
            $"on a sine sampled with ±6 ms jitter the grid errs by at most {gridError:0.0000}, where reading the samples as evenly spaced errs by {rawError:0.000}"));
        Assert.AreEqual(origin, windows[0].StartTime, 1e-12, "the grid starts at the recording's first sample");
        Assert.AreEqual(61, windows.Count, "the 9.98 s recording on a 50 Hz grid: 500 samples, windows of 16 every 8");
        Assert.IsTrue(report.Resampled);
        Assert.AreEqual(50, report.Recordings.Single().RateHz, 1.5, "the rate from the regular intervals");
        AssertEveryRowAccountedFor(report);
        Assert.IsGreaterThanOrEqualTo(0.98, report.RowsInWindows / (double)report.RowsRead);
    }

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Repeated_timestamps_are_merged_dropped_or_refused()
    {
        var samples = Ramp(20);
        samples[5].Time = samples[4].Time;

        var (merged, mergedReport) = Run(samples, Options(t: 8, step: 8));
        CollectionAssert.AreEqual(new float[] { 0, 1, 2, 3, 4.5f, 5.25f, 6, 7 }, merged[0].Features.Where((_, i) => i % 2 == 0).ToArray(),
            "rows 4 and 5 become their mean at 0.08 s; 0.10 s lies halfway to row 6");
        Assert.AreEqual(0, mergedReport.RowsRemoved.Count);
        Assert.AreEqual(1, mergedReport.Recordings.Single().RepeatedTimestamps);
        AssertEveryRowAccountedFor(mergedReport);

        var drop = Options(t: 8, step: 8);
        drop.RepeatedTimestamps = RepeatedTimestampPolicy.Drop;
        var (dropped, droppedReport) = Run(samples, drop);
        CollectionAssert.AreEqual(new float[] { 0, 1, 2, 3, 4, 5, 6, 7 }, dropped[0].Features.Where((_, i) => i % 2 == 0).ToArray());
        Assert.AreEqual(1, droppedReport.RowsRemoved["repeated timestamps"]);
        AssertEveryRowAccountedFor(droppedReport);

        var error = Options(t: 8, step: 8);
        error.RepeatedTimestamps = RepeatedTimestampPolicy.Error;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Run(samples, error)).Message, "row 5, column 'Time' (recording s1): timestamp 0.08 s repeats");
    }

    [TestMethod]
    public void An_out_of_order_row_is_dropped_and_a_clock_reset_starts_a_new_segment()
    {
        var samples = Ramp(30);
        samples[5].Time = 0.05; // behind row 4 (0.08 s) by less than the gap tolerance
        for (var i = 15; i < 30; i++)
            samples[i].Time = (i - 15) / 50.0; // the clock restarts

        var (windows, report) = Run(samples, Options(t: 8, step: 8));

        Assert.AreEqual(1, report.RowsRemoved["out-of-order timestamps"]);
        Assert.AreEqual(2, report.Segments, "the reset splits the recording");
        Assert.AreEqual(1, report.Gaps);
        CollectionAssert.AreEqual(new float[] { 0, 1, 2, 3, 4, 5, 6, 7 }, windows[0].Features.Where((_, i) => i % 2 == 0).ToArray(),
            "without row 5, 0.10 s lies halfway between row 4 (0.08 s) and row 6 (0.12 s)");
        Assert.AreEqual(15, windows[1].Features[0], "the second segment starts at the reset");
        AssertEveryRowAccountedFor(report);

        var strict = Options(t: 8, step: 8);
        strict.OutOfOrderTimestamps = OutOfOrderTimestampPolicy.Error;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Run(samples, strict)).Message,
            "row 5, column 'Time' (recording s1): timestamp 0.05 s is earlier than the previous sample's 0.08 s");
    }

    [TestMethod]
    public void Gaps_split_a_recording_and_rows_are_counted_by_reason()
    {
        // 40 rows, then 0.5 s missing, then 5 rows: the second segment is shorter than a window.
        var samples = Ramp(45);
        for (var i = 40; i < 45; i++)
            samples[i].Time += 0.5;

        var (windows, report) = Run(samples, Options(t: 16, step: 16));

        Assert.HasCount(2, windows);
        Assert.AreEqual(1, report.Gaps);
        Assert.AreEqual(5, report.RowsInShortSegments);
        Assert.AreEqual(8, report.RowsInTails, "rows 32-39 after the last whole window");
        Assert.AreEqual(32, report.RowsInWindows);
        AssertEveryRowAccountedFor(report);

        var tolerant = Options(t: 16, step: 16);
        tolerant.GapToleranceSeconds = 1;
        Assert.AreEqual(0, Run(samples, tolerant).Report.Gaps, "a tolerance of 1 s bridges the 0.52 s interval");
    }

    /// <summary>A corrupt timestamp far in the future is two gaps and a one-row segment: it gives no window and costs no
    /// memory (near 1e17 s the grid's times stopped growing, and one row became hundreds of grid samples; at 1e30 the
    /// loop never ended).</summary>
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    [DataRow(1e17)]
    [DataRow(1e30)]
    public void A_corrupt_timestamp_is_two_gaps_and_no_window(double corrupt)
    {
        var samples = Ramp(96);
        var whole = Run(samples, Options(t: 16, step: 8));
        samples[48].Time = corrupt;

        var (windows, report) = Run(samples, Options(t: 16, step: 8));

        Assert.AreEqual(2, report.Gaps, report.ToString());
        Assert.AreEqual(1, report.SegmentsShorterThanWindow, report.ToString());
        Assert.IsTrue(windows.All(w => w.StartTime < 2), "no window starts at the corrupt time");
        Assert.AreEqual(whole.Windows.Count - 2, windows.Count, "two segments of 48 and 47 rows: 5 + 4 windows where the whole log had 11");
        AssertEveryRowAccountedFor(report);
    }

    /// <summary>Found by replaying the fuzzer's corpus: nanoseconds read as seconds make each 20 ms interval 2e7 s, and
    /// resampling made a billion grid samples of each (the run never ended). Over 100 of the windows' intervals is a
    /// wrong unit, refused.</summary>
    [TestMethod]
    [Timeout(60_000, CooperativeCancellation = true)]
    public void A_median_interval_of_over_100_grid_intervals_is_refused_as_a_wrong_unit()
    {
        var samples = Ramp(64).Select(s => new Sample { X = s.X, Y = s.Y, Time = s.Time * 1e9 }).ToList();
        var options = Options(t: 8, step: 8);
        options.TimestampUnit = TimestampUnit.Seconds;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Run(samples, options)).Message,
            "recording s1 has a median interval of 20000000 s (its first 33 samples, timestamps in s), over 100 of the windows' intervals at 50 Hz");
    }

    [TestMethod]
    public void A_log_at_another_rate_is_resampled_or_refused()
    {
        var samples = Ramp(64, rate: 100);
        var (windows, report) = Run(samples, Options(t: 8, step: 8));
        CollectionAssert.AreEqual(new float[] { 0, 2, 4, 6, 8, 10, 12, 14 }, windows[0].Features.Where((_, i) => i % 2 == 0).ToArray(), "100 Hz → 50 Hz");
        Assert.AreEqual(100, report.Recordings.Single().RateHz, 1e-6);

        var off = Options(t: 8, step: 8);
        off.Resample = false;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Run(samples, off)).Message,
            "row 0: recording s1 is sampled at about 100 Hz (median interval of its first 33 samples, timestamps in s), not the windows' 50 Hz");
    }

    [TestMethod]
    public void Millisecond_timestamps_are_detected_and_read_as_seconds()
    {
        // Daphnet's clock: integer milliseconds at 64 Hz, intervals of 15 and 16 ms.
        var samples = Enumerable.Range(0, 257).Select(i => new MillisecondSample { X = i, Y = -i, Time = 1_000 + (long)Math.Floor(i * 1000 / 64.0) }).ToList();
        var options = Options(rate: 64, t: 64, step: 64);
        options.LabelColumnName = null;
        var view = Ml.Data.WindowSensorSamples(Ml.Data.LoadFromEnumerable(samples), options);
        var starts = view.GetColumn<double>("StartTime").ToArray();
        var timing = view.LastReport!.Recordings.Single();

        Assert.AreEqual(TimestampUnit.Milliseconds, timing.Unit.Unit, timing.Unit.Evidence);
        Assert.AreEqual(4, starts.Length);
        Assert.AreEqual(3.0, starts[2], 1e-9, "128 samples after the first at 1 s, in seconds");
        Assert.AreEqual(0.016, timing.MedianIntervalSeconds, 1e-9);
        Assert.AreEqual(0.016, timing.P99IntervalSeconds, 1e-9);
        Assert.AreEqual(64, timing.RateHz, 0.01, "15 and 16 ms intervals average to 64 Hz, where the median says 62.5");
    }

    [TestMethod]
    public void The_unit_is_the_one_whose_rate_is_nearest_the_expected()
    {
        static List<double> Clock(double start, double step) => Enumerable.Range(0, 40).Select(i => start + i * step).ToList();

        Assert.AreEqual(TimestampUnit.Seconds, TimestampUnits.Detect(Clock(0, 0.02), 50).Unit);
        Assert.AreEqual(TimestampUnit.Milliseconds, TimestampUnits.Detect(Clock(1.7e12, 10), null).Unit, "UNIX milliseconds at 100 Hz");
        Assert.AreEqual(TimestampUnit.Microseconds, TimestampUnits.Detect(Clock(0, 31_250), 32).Unit);
        Assert.AreEqual(TimestampUnit.Nanoseconds, TimestampUnits.Detect(Clock(90_426_708_196_641, 49_500_000), 20).Unit, "WISDM's clock since boot");
        StringAssert.Contains(TimestampUnits.Detect(Clock(0, 10), null).Evidence, "median interval 10 ms over the first 40 samples: 100 Hz");
    }

    [TestMethod]
    public void Two_sensors_on_separate_clocks_meet_on_one_grid()
    {
        // An accelerometer (X) and a gyroscope (Y) at 20 Hz on clocks 13 ms apart, merged into one log in time order:
        // each row fills its own sensor's column. Interpolation in time gives every row both; the grid does the rest.
        static float Wave(double t) => (float)Math.Sin(2 * Math.PI * 0.5 * t);
        var accelerometer = Enumerable.Range(0, 200).Select(i => new Sample { X = Wave(i / 20.0), Y = float.NaN, Time = i / 20.0 });
        var gyroscope = Enumerable.Range(0, 200).Select(i => new Sample { X = float.NaN, Y = -Wave(i / 20.0 + 0.013), Time = i / 20.0 + 0.013 });
        var merged = accelerometer.Concat(gyroscope).OrderBy(s => s.Time).ToList();
        var options = Options(rate: 20, t: 40, step: 20);
        options.InvalidValues = InvalidValuePolicy.Interpolate;

        var (windows, report) = Run(merged, options);

        // Before the gyroscope's first sample (0.013 s) its value is held, not known: the comparison starts there.
        var error = windows.Max(w => Enumerable.Range(0, 40).Where(k => w.StartTime + k / 20.0 >= 0.013).DefaultIfEmpty().Max(k =>
            Math.Max(Math.Abs(w.Features[2 * k] - Wave(w.StartTime + k / 20.0)), Math.Abs(w.Features[2 * k + 1] + Wave(w.StartTime + k / 20.0)))));
        TestContext.WriteLine($"{windows.Count} windows, largest error {error:0.0000}; {report}");
        Assert.IsLessThan(0.01, error, "both sensors' values at every grid time, within the interpolation error of a 0.5 Hz wave at 20 Hz");
        RepositoryDocuments.AssertQuotedIn("docs/device-logs.md", string.Create(CultureInfo.InvariantCulture, $"meet on one grid (largest error {error:0.0000} on a 0.5 Hz wave at 20 Hz, tested)"));
        Assert.AreEqual(400, report.ValuesInterpolated, "one missing value per row");
        Assert.AreEqual(report.RowsRead, report.RowsInWindows + report.RowsNotCovered + report.RowsRemoved.Values.Sum());

        options.InvalidValues = InvalidValuePolicy.Error;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Run(merged, options)).Message,
            "row 0, column 'Y' (recording s1): the value is missing or NaN; interpolate missing values");
    }

    [TestMethod]
    public void Channel_scales_apply_once_whatever_the_stages()
    {
        var samples = Ramp(16);
        samples[3].X = float.NaN;
        var options = Options(t: 8, step: 8);
        options.ChannelScales = [2, -1];
        options.InvalidValues = InvalidValuePolicy.Interpolate;

        var (windows, _) = Run(samples, options);
        CollectionAssert.AreEqual(new float[] { 0, 0, 2, 1, 4, 2, 6, 3, 8, 4, 10, 5, 12, 6, 14, 7 }, windows[0].Features, "X doubled (row 3 interpolated), Y negated, once");

        options.TimestampColumnName = null;
        var untimed = Ml.Data.WindowSensorSamples(Ml.Data.LoadFromEnumerable(samples), options).GetColumn<float[]>("Features").First();
        CollectionAssert.AreEqual(windows[0].Features, untimed, "without the time stage too");
    }
}
