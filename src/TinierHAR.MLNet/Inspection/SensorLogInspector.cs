using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Inspection;

/// <summary>
/// Reads a sensor log once and reports, per recording (a run of group values) and in total, what it holds: rows,
/// duration, time unit, intervals and rate, gaps, repeated and out-of-order timestamps, non-finite values and labels.
/// Memory holds one recording's distinct intervals, not its rows.
/// </summary>
internal static class SensorLogInspector
{
    // Samples read ahead at a recording's start to decide its time unit, as windowing does.
    private const int UnitLookAhead = 64;

    /// <summary>Inspects <paramref name="samples"/>.</summary>
    public static SensorLogInspection Inspect(IDataView samples, SensorLogInspectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        DataViewSchema.Column Find(string name, string role) => samples.Schema.GetColumnOrNull(name)
            ?? throw new ArgumentException($"The log has no {role} column '{name}' (columns: {InputText.List(samples.Schema.Select(c => c.Name).ToList())}).", nameof(options));
        var channels = options.ChannelColumnNames.Select(n => Find(n, "channel")).ToArray();
        var groups = options.GroupColumnNames.Select(n => Find(n, "group")).ToArray();
        var time = options.TimestampColumnName is { } t ? Find(t, "timestamp") : (DataViewSchema.Column?)null;
        var label = options.LabelColumnName is { } l ? Find(l, "label") : (DataViewSchema.Column?)null;
        OptionRules.Require(options.GapIntervals > 1, nameof(options.GapIntervals), "a gap is longer than one interval.");

        using var cursor = samples.GetRowCursor(channels.Concat(groups).Concat(new[] { time, label }.OfType<DataViewSchema.Column>()));
        var values = channels.Select(c => Reader(cursor, c)).ToArray();
        var groupReaders = groups.Select(g => ScalarColumnReader.Create(cursor, g)).ToArray();
        var timeReader = time is { } tc ? ScalarColumnReader.Create(cursor, tc) : null;
        var labelReader = label is { } lc ? ScalarColumnReader.Create(cursor, lc) : null;

        var recordings = new List<RecordingInspection>();
        var intervals = new SortedDictionary<double, long>();
        Recording? current = null;
        while (cursor.MoveNext())
        {
            foreach (var reader in groupReaders)
                reader.Read();
            // The values themselves tell recordings apart; the name only shows them.
            var key = string.Join("\u0001", groupReaders.Select(r => r.AsText));
            if (current?.Key != key)
            {
                current?.Finish(recordings, intervals);
                current = new Recording(key, RecordingName.Of(groupReaders.Select(r => r.AsText)), options, timeReader is null);
            }
            var nonFinite = values.Count(v => !double.IsFinite(v()));
            string? labelText = null;
            if (labelReader is not null)
            {
                labelReader.Read();
                labelText = labelReader.AsText;
            }
            double? raw = null;
            if (timeReader is not null)
            {
                timeReader.Read();
                raw = timeReader.Number;
            }
            current.Add(raw, nonFinite, labelText);
        }
        current?.Finish(recordings, intervals);
        return new SensorLogInspection { Recordings = recordings, Intervals = intervals.ToList() };
    }

    private static Func<double> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        if (column.Type == NumberDataViewType.Single)
        {
            var getter = cursor.GetGetter<float>(column);
            return () => { float v = 0; getter(ref v); return v; };
        }
        if (column.Type == NumberDataViewType.Double)
        {
            var getter = cursor.GetGetter<double>(column);
            return () => { double v = 0; getter(ref v); return v; };
        }
        throw new ArgumentException($"Channel column '{column.Name}' must be float or double; it is {column.Type}.", nameof(column));
    }

    /// <summary>One recording while it streams by: its first timestamps wait until its unit is decided.</summary>
    private sealed class Recording(string key, string name, SensorLogInspectionOptions options, bool untimed)
    {
        private readonly List<double> head = new();
        private readonly Dictionary<string, long> labels = new(StringComparer.Ordinal);
        private IntervalStatistics? statistics;
        private TimestampDecision? unit = untimed ? new TimestampDecision(TimestampUnit.Seconds, "no timestamps") : null;
        private long rows, nonFinite;

        public string Key { get; } = key;

        public void Add(double? raw, int nonFiniteValues, string? label)
        {
            rows++;
            nonFinite += nonFiniteValues;
            if (label is not null)
                labels[label] = labels.GetValueOrDefault(label) + 1;
            if (raw is not { } value)
                return;
            if (statistics is null)
            {
                head.Add(value);
                if (head.Count == UnitLookAhead)
                    Decide();
                return;
            }
            statistics.Add(value * TimestampUnits.SecondsPer(unit!.Unit));
        }

        private void Decide()
        {
            unit ??= options.TimestampUnit == TimestampUnit.Auto ? TimestampUnits.Detect(head, null) : new TimestampDecision(options.TimestampUnit, "given");
            // The gap, as windowing sets it: a number of the median intervals of the recording's first samples.
            var median = TimestampUnits.MedianInterval(head) * TimestampUnits.SecondsPer(unit.Unit);
            statistics = new IntervalStatistics(name, unit, options.GapIntervals * median ?? double.PositiveInfinity);
            foreach (var value in head)
                statistics.Add(value * TimestampUnits.SecondsPer(unit.Unit));
            head.Clear();
        }

        public void Finish(List<RecordingInspection> recordings, SortedDictionary<double, long> all)
        {
            if (statistics is null)
                Decide();
            foreach (var (interval, count) in statistics!.Intervals)
                all[interval] = all.GetValueOrDefault(interval) + count;
            var timing = statistics.ToTiming() with { Rows = rows };
            recordings.Add(new RecordingInspection { Timing = timing, NonFiniteValues = nonFinite, Labels = labels });
        }
    }
}
