using Microsoft.ML;
using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// The sample rows with NaN/Inf (or empty) channel values filled by linear interpolation within each group, in time
/// where there is a timestamp column (so that two sensors on separate clocks, merged into one log with each row filling
/// its own sensor's columns, get each other's values at their times), else by position; streamed: only the rows of a
/// run of invalid values are held until the next finite value arrives. Its schema is the columns windowing reads.
/// </summary>
internal sealed class InterpolatingSampleView : SampleStageView
{
    private long interpolated;

    public InterpolatingSampleView(IDataView samples, WindowingPlan plan) : base(samples, plan)
    {
    }

    /// <summary>Values filled by the last cursor to finish.</summary>
    public long ValuesInterpolated => Interlocked.Read(ref interpolated);

    internal void Publish(long count) => Interlocked.Exchange(ref interpolated, count);

    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    private sealed class Cursor : StreamingCursor, IRowLocator, ISampleRowSource
    {
        private readonly InterpolatingSampleView view;
        private readonly SampleReader reader;
        private readonly int c;
        private readonly Queue<SampleRow> queue = new();
        private readonly List<SampleRow> rows = new();
        private readonly float[] lastValue;
        private readonly int[] lastPosition;
        private readonly double[] lastTime;
        private readonly bool[] seen;
        private string? currentGroup;
        private int positionInGroup;
        private SampleRow? current;
        private bool inputEnded;
        private long filled;

        public Cursor(InterpolatingSampleView view) : base(view.Schema)
        {
            this.view = view;
            reader = new SampleReader(view.Samples, view.Plan);
            c = view.Plan.Channels;
            lastValue = new float[c];
            lastPosition = Enumerable.Repeat(-1, c).ToArray();
            lastTime = new double[c];

            seen = new bool[c];
        }


        public string Locate(long row) => reader.Locate(row);

        public SampleRow? NextRow() => MoveNext() ? current : null;

        public override bool MoveNext()
        {
            while (queue.Count == 0 || queue.Peek().Missing > 0)
            {
                if (inputEnded)
                    break;
                if (reader.Read() is not { } row)
                {
                    inputEnded = true;
                    HoldToEnd();
                    break;
                }
                Add(row);
            }
            if (queue.Count == 0)
            {
                view.Publish(filled);
                return false;
            }
            current = queue.Dequeue();
            RowPosition++;
            return true;
        }

        private void Add(SampleRow row)
        {
            var (values, group) = (row.Channels, row.Group);
            if (group != currentGroup)
            {
                HoldToEnd();
                currentGroup = group;
                positionInGroup = 0;
                rows.Clear();
                Array.Fill(lastPosition, -1);
                Array.Fill(seen, false);
            }

            rows.Add(row);
            var now = row.Time; // in the column's unit, NaN without one: only ratios of differences are used
            for (var ch = 0; ch < c; ch++)
            {
                if (!float.IsFinite(values[ch]))
                {
                    row.Missing++;
                    continue;
                }
                var previous = lastPosition[ch];
                // Fill the run of invalid values since the last finite one: linear between the two, or held at a group's start.
                for (var p = previous + 1; p < positionInGroup; p++)
                {
                    var target = rows[p];
                    var fraction = now > lastTime[ch] ? (target.Time - lastTime[ch]) / (now - lastTime[ch]) : (p - previous) / (double)(positionInGroup - previous);
                    target.Channels[ch] = seen[ch] ? lastValue[ch] + (values[ch] - lastValue[ch]) * (float)fraction : values[ch];
                    target.Missing--;
                    filled++;
                }
                lastValue[ch] = values[ch];
                lastTime[ch] = now;
                lastPosition[ch] = positionInGroup;
                seen[ch] = true;
            }
            queue.Enqueue(row);
            positionInGroup++;
            TrimResolvedPrefix();
        }

        /// <summary>
        /// Rows at or before every channel's last finite value are settled (the queue still holds them for output):
        /// stop keeping them, so memory follows the longest run of invalid values, not the input.
        /// </summary>
        private void TrimResolvedPrefix()
        {
            var earliest = int.MaxValue;
            foreach (var position in lastPosition)
                earliest = Math.Min(earliest, position);
            var drop = Math.Min(earliest + 1, rows.Count);
            if (drop <= 0)
                return;
            rows.RemoveRange(0, drop);
            positionInGroup -= drop;
            for (var ch = 0; ch < c; ch++)
                lastPosition[ch] -= drop;
        }

        /// <summary>At a group's end, invalid values with no later finite value hold the last finite one.</summary>
        private void HoldToEnd()
        {
            for (var ch = 0; ch < c; ch++)
            {
                for (var p = lastPosition[ch] + 1; p < rows.Count; p++)
                {
                    if (!seen[ch])
                        throw new InvalidDataException($"Row {rows[p].Index}: channel '{view.Plan.ChannelNames[ch]}' has no finite value in its whole group to interpolate from.");
                    rows[p].Channels[ch] = lastValue[ch];
                    rows[p].Missing--;
                    filled++;
                }
                lastPosition[ch] = rows.Count - 1;
            }
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
            (ValueGetter<TValue>)reader.Getter(column.Name, () => current!.Channels, () => current!.Others, () => current!.Time);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                reader.Dispose();
            base.Dispose(disposing);
        }
    }
}
