using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// The sample rows with NaN/Inf channel values filled by linear interpolation within each group, streamed: only the
/// rows of a run of invalid values are held until the next finite value arrives. Its schema is the columns windowing
/// reads (channels, label, groups, timestamp).
/// </summary>
internal sealed class InterpolatingSampleView : IDataView
{
    private long interpolated;

    public InterpolatingSampleView(IDataView samples, WindowingPlan plan)
    {
        Samples = samples;
        Plan = plan;
        var builder = new DataViewSchema.Builder();
        foreach (var column in plan.InputColumns)
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        Schema = builder.ToSchema();
    }

    public IDataView Samples { get; }
    public WindowingPlan Plan { get; }
    public DataViewSchema Schema { get; }
    public bool CanShuffle => false;

    /// <summary>Values filled by the last cursor to finish.</summary>
    public long ValuesInterpolated => Interlocked.Read(ref interpolated);

    internal void Publish(long count) => Interlocked.Exchange(ref interpolated, count);

    public long? GetRowCount() => Samples.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];

    /// <summary>One buffered row: its channel values and its other columns' values.</summary>
    private sealed class Row(float[] channels, object[] others, string groupKey, long index)
    {
        public float[] Channels { get; } = channels;
        public object[] Others { get; } = others;
        public string GroupKey { get; } = groupKey;
        public long Index { get; } = index;
        public int Missing { get; set; }
    }

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly InterpolatingSampleView view;
        private readonly DataViewRowCursor input;
        private readonly int c;
        private readonly ValueGetter<float>[] floatChannels;
        private readonly ValueGetter<double>[] doubleChannels;
        private readonly ValueGetter<VBuffer<float>>? vectorChannels;
        private readonly DataViewSchema.Column[] others;
        private readonly ScalarColumnReader[] otherReaders;
        private readonly int[] groupPositions;
        private readonly Queue<Row> queue = new();
        private readonly List<Row> rows = new();
        private readonly float[] lastValue;
        private readonly int[] lastPosition;
        private readonly bool[] seen;
        private string? currentGroup;
        private int positionInGroup;
        private Row? current;
        private bool inputEnded;
        private long rowIndex = -1, position = -1, filled;

        public Cursor(InterpolatingSampleView view)
        {
            this.view = view;
            var plan = view.Plan;
            input = view.Samples.GetRowCursor(plan.InputColumns);
            c = plan.Channels;
            floatChannels = plan.ChannelColumns.Where(col => col.Type == NumberDataViewType.Single).Select(input.GetGetter<float>).ToArray();
            doubleChannels = plan.ChannelColumns.Where(col => col.Type == NumberDataViewType.Double).Select(input.GetGetter<double>).ToArray();
            vectorChannels = plan.ChannelVector is { } vector ? input.GetGetter<VBuffer<float>>(vector) : null;
            others = new[] { plan.Label, plan.Timestamp }.OfType<DataViewSchema.Column>().Concat(plan.Groups).ToArray();
            otherReaders = others.Select(o => ScalarColumnReader.Create(input, o)).ToArray();
            groupPositions = plan.Groups.Select(g => Array.FindIndex(others, o => o.Name == g.Name)).ToArray();
            lastValue = new float[c];
            lastPosition = Enumerable.Repeat(-1, c).ToArray();
            seen = new bool[c];
        }

        public override DataViewSchema Schema => view.Schema;
        public override long Position => position;
        public override long Batch => 0;
        public override bool IsColumnActive(DataViewSchema.Column column) => true;
        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)position, 0);

        public override bool MoveNext()
        {
            while (queue.Count == 0 || queue.Peek().Missing > 0)
            {
                if (inputEnded)
                    break;
                if (!input.MoveNext())
                {
                    inputEnded = true;
                    HoldToEnd();
                    break;
                }
                Read();
            }
            if (queue.Count == 0)
            {
                view.Publish(filled);
                return false;
            }
            current = queue.Dequeue();
            position++;
            return true;
        }

        private void Read()
        {
            rowIndex++;
            var values = new float[c];
            if (vectorChannels is not null)
            {
                VBuffer<float> vector = default;
                vectorChannels(ref vector);
                vector.CopyTo(values);
            }
            else
            {
                for (var i = 0; i < floatChannels.Length; i++) { float v = 0; floatChannels[i](ref v); values[i] = v; }
                for (var i = 0; i < doubleChannels.Length; i++) { double v = 0; doubleChannels[i](ref v); values[i] = (float)v; }
            }
            var boxed = new object[others.Length];
            for (var o = 0; o < others.Length; o++)
            {
                otherReaders[o].Read();
                boxed[o] = otherReaders[o].Boxed;
            }
            var group = string.Join("\u0001", groupPositions.Select(p => otherReaders[p].AsText));
            if (group != currentGroup)
            {
                HoldToEnd();
                currentGroup = group;
                positionInGroup = 0;
                rows.Clear();
                Array.Fill(lastPosition, -1);
                Array.Fill(seen, false);
            }

            var row = new Row(values, boxed, group, rowIndex);
            rows.Add(row);
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
                    target.Channels[ch] = seen[ch] ? lastValue[ch] + (values[ch] - lastValue[ch]) * (p - previous) / (positionInGroup - previous) : values[ch];
                    target.Missing--;
                    filled++;
                }
                lastValue[ch] = values[ch];
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
            var drop = Math.Min(lastPosition.Min() + 1, rows.Count);
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

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var plan = view.Plan;
            var channel = Array.FindIndex(plan.ChannelColumns, ch => ch.Name == column.Name);
            Delegate getter;
            if (channel >= 0)
                getter = plan.ChannelColumns[channel].Type == NumberDataViewType.Double
                    ? (ValueGetter<double>)((ref double v) => v = current!.Channels[channel])
                    : (ValueGetter<float>)((ref float v) => v = current!.Channels[channel]);
            else if (plan.ChannelVector is { } vector && vector.Name == column.Name)
                getter = (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) =>
                {
                    var editor = VBufferEditor.Create(ref v, c);
                    current!.Channels.AsSpan().CopyTo(editor.Values);
                    v = editor.Commit();
                });
            else
            {
                var other = Array.FindIndex(others, o => o.Name == column.Name);
                getter = ScalarColumnReader.Getter(others[other].Type, () => current!.Others[other]);
            }
            return (ValueGetter<TValue>)getter;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                input.Dispose();
            base.Dispose(disposing);
        }
    }
}
