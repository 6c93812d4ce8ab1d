using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Tests.Windowing;

/// <summary>A recording's timing, gathered sample by sample: every kind of step a clock takes, counted once.</summary>
[TestClass]
public sealed class IntervalStatisticsTests
{
    private const double U = 1 / 64.0; // exact in binary, so that the boundaries are exact

    /// <summary>
    /// Steps of 1 unit, a repeat, a step back within the tolerance (out of order), 2 units, exactly the tolerance of 8
    /// units (an interval, not a gap), 9 units (a gap), and 9 units back (a clock reset: a gap), then exactly 8 units back
    /// (out of order, not a gap). The duration leaves the gaps out.
    /// </summary>
    [TestMethod]
    public void Each_step_of_the_clock_is_counted_as_what_it_is()
    {
        var statistics = new IntervalStatistics("s1", new TimestampDecision(TimestampUnit.Seconds, "given"), gap: 8 * U);
        foreach (var units in new[] { 0, 1, 2, 2, 1.5, 3, 5, 13, 22, 23, 24, 15, 16, 8 })
            statistics.Add(units * U);

        var timing = statistics.ToTiming();
        Assert.AreEqual(("s1", 14L, 1L, 2L, 2L), (timing.Recording, timing.Rows, timing.RepeatedTimestamps, timing.OutOfOrderTimestamps, timing.Gaps));
        Assert.AreEqual(16 * U, timing.DurationSeconds, 1e-12, "13 units before the first gap, 2 between the gaps, 1 after");
        CollectionAssert.AreEqual(new[] { (0.01562, 6L), (0.03125, 1L), (0.125, 1L) }, statistics.Intervals.Select(p => (p.Key, p.Value)).ToArray(),
            "intervals at four significant digits (1/64 s = 0.015625 rounds to even), with their counts");
        Assert.AreEqual(0.01562, timing.MedianIntervalSeconds, "the 4th of 8 intervals");
        Assert.AreEqual(0.125, timing.P99IntervalSeconds, "the 8th of 8");
        Assert.AreEqual(0.01562, timing.RegularIntervalSeconds, "the mean of the intervals within half and one and a half medians");
    }

    [TestMethod]
    public void A_recording_of_one_sample_has_no_interval_and_no_duration()
    {
        var statistics = new IntervalStatistics("s1", new TimestampDecision(TimestampUnit.Seconds, "given"), gap: 1);
        statistics.Add(12.5);
        var timing = statistics.ToTiming();
        Assert.AreEqual((1L, 0.0), (timing.Rows, timing.DurationSeconds));
        Assert.IsTrue(double.IsNaN(timing.MedianIntervalSeconds) && double.IsNaN(timing.RegularIntervalSeconds));
        Assert.AreEqual(0, new IntervalStatistics("none", new TimestampDecision(TimestampUnit.Seconds, "given"), 1).ToTiming().DurationSeconds);
    }

    [TestMethod]
    public void Intervals_keep_four_significant_digits_across_decades()
    {
        var statistics = new IntervalStatistics("s1", new TimestampDecision(TimestampUnit.Seconds, "given"), gap: 100);
        double time = 0;
        statistics.Add(time);
        foreach (var interval in new[] { 0.123456, 0.0123456, 1.23456, 0.1, 0.0999999, 10.0 })
            statistics.Add(time += interval);
        CollectionAssert.AreEqual(new[] { (0.01235, 1L), (0.1, 2L), (0.1235, 1L), (1.235, 1L), (10.0, 1L) }, statistics.Intervals.Select(p => (p.Key, p.Value)).ToArray(),
            "0.1 and 0.0999999 (either side of a power of ten) both count as 0.1");
    }

    [TestMethod]
    public void Quantiles_take_the_value_whose_cumulative_count_first_reaches_the_rank()
    {
        var counts = new SortedDictionary<double, long> { [1] = 2, [2] = 2, [3] = 1 };
        Assert.AreEqual(1, IntervalStatistics.Quantile(counts, 0.4), "rank 2 is reached by the first value's 2");
        Assert.AreEqual(2, IntervalStatistics.Quantile(counts, 0.5), "rank 3");
        Assert.AreEqual(3, IntervalStatistics.Quantile(counts, 0.99), "rank 5");
        Assert.IsTrue(double.IsNaN(IntervalStatistics.Quantile(new SortedDictionary<double, long>(), 0.5)));
    }
}
