using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Tests.Windowing;

/// <summary>
/// The time stage at its edges: a log without timestamps resampled from its stated rate, a timestamp that is not a
/// number, a gap exactly at the tolerance and just past it, and a clock that changes unit mid-file (refused) beside one
/// long interval of the same size (a gap).
/// </summary>
[TestClass]
public sealed class TimeStageEdgeTests
{
    private static readonly MLContext Ml = new(seed: 1);

    public sealed class Sample
    {
        public float X { get; set; }
        public double Time { get; set; }
    }

    public sealed class UntimedSample
    {
        public float X { get; set; }
    }

    /// <summary>X = i at the given times.</summary>
    private static IDataView Log(IEnumerable<double> times) => Ml.Data.LoadFromEnumerable(times.Select((t, i) => new Sample { X = i, Time = t }).ToArray());

    /// <summary>Windows of 4 samples at 64 Hz (intervals of 1/64 s, exact in binary), every 4 samples.</summary>
    private static SensorWindowingOptions Options(double? gap = null) => new()
    {
        ChannelColumnNames = ["X"],
        WindowLength = 4,
        Step = 4,
        SamplingRateHz = 64,
        TimestampColumnName = "Time",
        TimestampUnit = TimestampUnit.Seconds,
        GapToleranceSeconds = gap,
    };

    private static int Count(IDataView windows) => windows.GetColumn<float[]>("Features").Count();

    [TestMethod]
    public void A_log_without_timestamps_is_resampled_from_its_stated_rate()
    {
        var log = Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 16).Select(i => new UntimedSample { X = i }).ToArray());
        var options = Options();
        (options.TimestampColumnName, options.InputSamplingRateHz) = (null, 128);
        var windows = Ml.Data.WindowSensorSamples(log, options);
        var features = windows.GetColumn<float[]>("Features").ToArray();
        CollectionAssert.AreEqual(new[] { 0f, 2f, 4f, 6f }, features[0], "every other sample of a 128 Hz log on a 64 Hz grid");
        CollectionAssert.AreEqual(new[] { 8f, 10f, 12f, 14f }, features[1]);
        var timing = windows.LastReport!.Recordings.Single();
        Assert.AreEqual("positions at 128 Hz", timing.Unit.Evidence);
        Assert.IsTrue(windows.LastReport.Resampled);
    }

    [TestMethod]
    public void A_timestamp_that_is_not_a_number_is_refused_naming_its_row()
    {
        var times = Enumerable.Range(0, 12).Select(i => i / 64.0).ToArray();
        times[5] = double.NaN;
        var error = Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.WindowSensorSamples(Log(times), Options()).GetColumn<float[]>("Features").ToArray());
        StringAssert.Contains(error.Message, "column 'Time' (recording (no group columns)): timestamp NaN is not a finite number.");
        StringAssert.Contains(error.Message, "row 5");
    }

    [TestMethod]
    public void An_interval_of_exactly_the_gap_tolerance_is_no_gap_and_one_sample_more_is()
    {
        // 8 samples, a jump of 8 intervals (0.125 s), 8 samples: with a tolerance of 0.125 s one segment, resampled across the jump.
        double[] Times(int jump) => Enumerable.Range(0, 8).Select(i => i / 64.0).Concat(Enumerable.Range(0, 8).Select(i => (7 + jump + i) / 64.0)).ToArray();
        var within = Ml.Data.WindowSensorSamples(Log(Times(8)), Options(gap: 0.125));
        Assert.AreEqual(5, Count(within), "23 grid points from 0 to 22/64 s");
        Assert.AreEqual((1L, 0L), (within.LastReport!.Segments, within.LastReport.Gaps), "an interval equal to the tolerance keeps the segment whole");

        var past = Ml.Data.WindowSensorSamples(Log(Times(9)), Options(gap: 0.125));
        Assert.AreEqual(4, Count(past), "two segments of 8 samples");
        Assert.AreEqual((2L, 1L), (past.LastReport!.Segments, past.LastReport.Gaps), "one interval more is a gap");
    }

    [TestMethod]
    public void A_clock_that_goes_back_by_more_than_a_gap_starts_a_new_recording_and_a_small_step_back_is_dropped()
    {
        var restarted = Enumerable.Range(0, 8).Select(i => 10 + i / 64.0).Concat(Enumerable.Range(0, 8).Select(i => i / 64.0)).ToArray();
        var options = Options(gap: 0.125);
        options.OutOfOrderTimestamps = OutOfOrderTimestampPolicy.Drop;
        var windows = Ml.Data.WindowSensorSamples(Log(restarted), options);
        var features = windows.GetColumn<float[]>("Features").ToArray();
        Assert.HasCount(4, features, "two recordings of two windows");
        Assert.AreEqual(2L, windows.LastReport!.Segments);
        Assert.IsFalse(windows.LastReport.RowsRemoved.ContainsKey("out-of-order timestamps"), "nothing dropped");

        var stepBack = Enumerable.Range(0, 16).Select(i => i / 64.0).ToArray();
        stepBack[9] = stepBack[7];
        var dropped = Ml.Data.WindowSensorSamples(Log(stepBack), options);
        Assert.AreEqual(4, Count(dropped), "16 grid points, the dropped row's interpolated");
        Assert.AreEqual(1L, dropped.LastReport!.RowsRemoved["out-of-order timestamps"], "a step back within the tolerance drops the row");
    }

    [TestMethod]
    public void A_clock_that_changes_unit_mid_file_is_refused_and_one_long_interval_is_a_gap()
    {
        // 32 samples in seconds, then the same clock in milliseconds: every interval 1000 times the median.
        var seconds = Enumerable.Range(0, 32).Select(i => i / 64.0);
        var changed = seconds.Concat(Enumerable.Range(32, 16).Select(i => i * 1000 / 64.0)).ToArray();
        var options = Options();
        options.GapToleranceSeconds = 1;
        var error = Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.WindowSensorSamples(Log(changed), options).GetColumn<float[]>("Features").ToArray());
        StringAssert.Contains(error.Message, "the last 8 intervals are each about 1000 times the recording's median of 0.015625 s: the clock changes unit from row 33 on");

        // One interval of that size, then the seconds clock again: a gap, not a unit change.
        var once = seconds.Concat(Enumerable.Range(0, 16).Select(i => 500 + i / 64.0)).ToArray();
        var windows = Ml.Data.WindowSensorSamples(Log(once), options);
        Assert.AreEqual(12, Count(windows), "segments of 32 and 16 samples");
        Assert.AreEqual((2L, 1L), (windows.LastReport!.Segments, windows.LastReport.Gaps));
    }
}
