using System.Globalization;
using System.Text;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Inspection;

/// <summary>What a sensor log holds, per recording and in total: look before training.</summary>
public sealed record SensorLogInspection
{
    /// <summary>Each recording, in reading order.</summary>
    public required IReadOnlyList<RecordingInspection> Recordings { get; init; }

    /// <summary>Intervals between consecutive samples over all recordings (seconds, four significant digits) and how often each occurs, shortest first.</summary>
    public required IReadOnlyList<KeyValuePair<double, long>> Intervals { get; init; }

    /// <summary>Rows read.</summary>
    public long Rows => Recordings.Sum(r => r.Timing.Rows);

    /// <summary>Rows per label over all recordings.</summary>
    public IReadOnlyDictionary<string, long> Labels => Recordings.SelectMany(r => r.Labels).GroupBy(p => p.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);

    /// <summary>The report: one line per recording, then the totals and the label distribution.</summary>
    public string ToText()
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("recording,rows,duration_s,unit,median_interval_ms,p99_interval_ms,rate_hz,gaps,repeated,out_of_order,non_finite");
        foreach (var r in Recordings)
        {
            var t = r.Timing;
            text.AppendLine(string.Create(invariant,
                $"{t.Recording},{t.Rows},{t.DurationSeconds:0.###},{TimestampUnitNames.Symbol(t.Unit.Unit)},{t.MedianIntervalSeconds * 1000:0.###},{t.P99IntervalSeconds * 1000:0.###},{t.RateHz:0.##},{t.Gaps},{t.RepeatedTimestamps},{t.OutOfOrderTimestamps},{r.NonFiniteValues}"));
        }
        var timings = Recordings.Select(r => r.Timing).ToList();
        var rates = timings.Select(t => t.RateHz).Where(double.IsFinite).Order().ToList();
        text.AppendLine();
        text.AppendLine(string.Create(invariant, $"recordings: {Recordings.Count:N0}; rows: {Rows:N0}; duration: {timings.Sum(t => t.DurationSeconds) / 3600:0.##} h"));
        foreach (var unit in timings.GroupBy(t => t.Unit.Unit))
            text.AppendLine(invariant, $"time unit: {TimestampUnitNames.Symbol(unit.Key)} in {unit.Count()} recording(s) ({unit.First().Unit.Evidence})");
        if (rates.Count > 0)
            text.AppendLine(string.Create(invariant, $"rate: median {rates[rates.Count / 2]:0.##} Hz over recordings (lowest {rates[0]:0.##}, highest {rates[^1]:0.##})"));
        var median = Quantile(0.5);
        text.AppendLine(string.Create(invariant, $"intervals: median {median * 1000:0.###} ms, 99th percentile {Quantile(0.99) * 1000:0.###} ms"));
        text.AppendLine(string.Create(invariant,
            $"gaps: {timings.Sum(t => t.Gaps):N0}; repeated timestamps: {timings.Sum(t => t.RepeatedTimestamps):N0}; out of order: {timings.Sum(t => t.OutOfOrderTimestamps):N0}; non-finite values: {Recordings.Sum(r => r.NonFiniteValues):N0}"));
        if (Labels.Count > 0)
        {
            text.AppendLine("labels:");
            foreach (var (label, rows) in Labels.OrderByDescending(p => p.Value))
                text.AppendLine(string.Create(invariant, $"  {label}: {rows:N0} rows ({100.0 * rows / Math.Max(1, Rows):0.0} %)"));
        }
        return text.ToString();
    }

    private double Quantile(double q) => IntervalStatistics.Quantile(Intervals, q);
}
