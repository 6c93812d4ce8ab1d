using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Gathers one recording's timing while its samples stream by: the intervals are counted at four significant digits,
/// so memory stays small even for jittery clocks and the median and 99th percentile are exact to 0.05 %. An interval
/// longer than <paramref name="gap"/> seconds, or a jump back by more than it (a clock reset), is a gap and starts
/// the count afresh; a sample slightly earlier than its predecessor is out of order.
/// </summary>
internal sealed class IntervalStatistics(string recording, TimestampDecision unit, double gap)
{
    private readonly SortedDictionary<double, long> intervals = new();
    private long intervalCount;
    private double pieceStart = double.NaN, last = double.NaN, earlierPieces;
    private double scale = double.NaN, decadeLow = double.NaN, decadeHigh = double.NaN;

    public long Rows { get; private set; }
    public long Repeats { get; private set; }
    public long OutOfOrder { get; private set; }
    public long Gaps { get; private set; }

    /// <summary>The intervals counted, at four significant digits, with their counts, shortest first.</summary>
    public IEnumerable<KeyValuePair<double, long>> Intervals => intervals;

    /// <summary>Counts a sample at <paramref name="time"/> seconds (every row, in reading order): its interval from the
    /// latest earlier sample, or a repeat, or an out-of-order sample.</summary>
    public void Add(double time)
    {
        Rows++;
        if (double.IsNaN(pieceStart))
            pieceStart = time;
        if (time == last)
        {
            Repeats++;
        }
        else if (time < last - gap || time > last + gap)
        {
            Gaps++;
            earlierPieces += last - pieceStart;
            (pieceStart, last) = (time, time);
        }
        else if (time < last)
        {
            OutOfOrder++;
        }
        else if (time > last)
        {
            var interval = Significant(time - last);
            intervals[interval] = intervals.GetValueOrDefault(interval) + 1;
            intervalCount++;
            last = time;
        }
        else
        {
            last = time; // the first sample
        }
    }

    public RecordingTiming ToTiming() => new()
    {
        Recording = recording,
        Rows = Rows,
        Unit = unit,
        DurationSeconds = double.IsNaN(pieceStart) ? 0 : earlierPieces + last - pieceStart,
        MedianIntervalSeconds = Quantile(0.5),
        RegularIntervalSeconds = RegularMean(Quantile(0.5)),
        P99IntervalSeconds = Quantile(0.99),
        RepeatedTimestamps = Repeats,
        OutOfOrderTimestamps = OutOfOrder,
        Gaps = Gaps,
    };

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

    // The intervals that count towards the rate: those near the median, so that a clock ticking in whole milliseconds
    // averages to its true rate while gaps and repeats stay out.
    internal const double RegularFrom = 0.5, RegularTo = 1.5;

    private double RegularMean(double median)
    {
        var regular = intervals.Where(p => p.Key >= RegularFrom * median && p.Key <= RegularTo * median).ToList();
        return regular.Count == 0 ? double.NaN : regular.Sum(p => p.Key * p.Value) / regular.Sum(p => p.Value);
    }

    private double Significant(double value)
    {
        // A recording's intervals nearly all share one decade: its scale is computed once, not per row. Near a power of
        // ten, where the logarithm's rounding decides the decade, it is computed afresh.
        if (!(value > decadeLow && value < decadeHigh))
        {
            var exponent = (int)Math.Floor(Math.Log10(value));
            scale = Math.Pow(10, 3 - exponent);
            (decadeLow, decadeHigh) = (Math.Pow(10, exponent) * (1 + 1e-9), Math.Pow(10, exponent + 1) * (1 - 1e-9));
        }
        return Math.Round(value * scale) / scale;
    }
}
