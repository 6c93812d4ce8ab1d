using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Gathers one recording's timing while its samples stream by: the intervals are counted at four significant digits,
/// so memory stays small even for jittery clocks and the median and 99th percentile are exact to 0.05 %.
/// </summary>
internal sealed class IntervalStatistics(string recording, TimestampDecision unit)
{
    private readonly SortedDictionary<double, long> intervals = new();
    private long intervalCount;
    private double first = double.NaN, last = double.NaN;

    public long Rows { get; private set; }
    public long Repeats { get; private set; }
    public long OutOfOrder { get; private set; }
    public long Gaps { get; set; }

    /// <summary>The intervals counted, at four significant digits, with their counts, shortest first.</summary>
    public IEnumerable<KeyValuePair<double, long>> Intervals => intervals;

    /// <summary>Counts a sample at <paramref name="time"/> seconds (every row, in reading order): its interval from the
    /// latest earlier sample, or a repeat, or an out-of-order sample.</summary>
    public void Add(double time)
    {
        Rows++;
        if (double.IsNaN(first))
            first = time;
        if (time == last)
            Repeats++;
        else if (time < last)
            OutOfOrder++;
        if (time > last)
        {
            var interval = Significant(time - last);
            intervals[interval] = intervals.GetValueOrDefault(interval) + 1;
            intervalCount++;
        }
        if (!(time <= last))
            last = time;
    }

    public RecordingTiming ToTiming() => new()
    {
        Recording = recording,
        Rows = Rows,
        Unit = unit,
        DurationSeconds = double.IsNaN(first) ? 0 : last - first,
        MedianIntervalSeconds = Quantile(0.5),
        RegularIntervalSeconds = RegularMean(Quantile(0.5)),
        P99IntervalSeconds = Quantile(0.99),
        RepeatedTimestamps = Repeats,
        OutOfOrderTimestamps = OutOfOrder,
        Gaps = Gaps,
    };

    /// <summary>Intervals longer than <paramref name="seconds"/>.</summary>
    public long CountLongerThan(double seconds) => intervals.Where(p => p.Key > seconds).Sum(p => p.Value);

    /// <summary>The median interval, in seconds (NaN without intervals).</summary>
    public double Median => Quantile(0.5);

    private double Quantile(double q) => Quantile(intervals, q);

    /// <summary>The <paramref name="q"/>-quantile of counted values (value → count, in ascending order); NaN when none.</summary>
    public static double Quantile(IEnumerable<KeyValuePair<double, long>> counts, double q)
    {
        var total = counts.Sum(p => p.Value);
        if (total == 0)
            return double.NaN;
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        var value = double.NaN;
        foreach (var (key, count) in counts)
        {
            (seen, value) = (seen + count, key);
            if (seen >= rank)
                break;
        }
        return value;
    }

    private double RegularMean(double median)
    {
        var regular = intervals.Where(p => p.Key >= 0.5 * median && p.Key <= 1.5 * median).ToList();
        return regular.Count == 0 ? double.NaN : regular.Sum(p => p.Key * p.Value) / regular.Sum(p => p.Value);
    }

    private static double Significant(double value)
    {
        var scale = Math.Pow(10, 3 - (int)Math.Floor(Math.Log10(value)));
        return Math.Round(value * scale) / scale;
    }
}
