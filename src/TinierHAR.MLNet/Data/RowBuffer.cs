using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Data;

/// <summary>
/// Copies of the active columns of up to N rows of a cursor, for cursors that read ahead (a batch) and hand the rows
/// on later, possibly on another thread. Vector values are deep-copied, since a cursor may reuse its buffers for the
/// next row.
/// </summary>
internal sealed class RowBuffer
{
    private readonly Dictionary<int, ColumnBuffer> columns = [];
    private readonly ValueGetter<DataViewRowId> idGetter;
    private readonly DataViewRowId[] ids;

    public RowBuffer(DataViewRowCursor source, IEnumerable<DataViewSchema.Column> columnsToKeep, int capacity)
    {
        foreach (var column in columnsToKeep)
        {
            var type = column.Type.RawType;
            var buffer = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(VBuffer<>)
                ? typeof(VectorColumnBuffer<>).MakeGenericType(type.GetGenericArguments()[0])
                : typeof(ScalarColumnBuffer<>).MakeGenericType(type);
            columns[column.Index] = (ColumnBuffer)Activator.CreateInstance(buffer, source, column, capacity)!;
        }
        idGetter = source.GetIdGetter();
        ids = new DataViewRowId[capacity];
    }

    /// <summary>Rows it holds at most.</summary>
    public int Capacity => ids.Length;

    /// <summary>Copies the source cursor's current row into slot <paramref name="slot"/>.</summary>
    public void Capture(int slot)
    {
        idGetter(ref ids[slot]);
        foreach (var column in columns.Values)
            column.Capture(slot);
    }

    /// <summary>Reads slot <paramref name="slot"/> of a kept column (any thread, once the slot is captured).</summary>
    public void Read<TValue>(int columnIndex, int slot, ref TValue value) =>
        ((ColumnBuffer<TValue>)columns[columnIndex]).Read(slot, ref value);

    public DataViewRowId Id(int slot) => ids[slot];

    private abstract class ColumnBuffer
    {
        public abstract void Capture(int slot);
    }

    private abstract class ColumnBuffer<TValue> : ColumnBuffer
    {
        public abstract void Read(int slot, ref TValue value);
    }

    private sealed class ScalarColumnBuffer<TValue>(DataViewRowCursor source, DataViewSchema.Column column, int capacity) : ColumnBuffer<TValue>
    {
        private readonly ValueGetter<TValue> getter = source.GetGetter<TValue>(column);
        private readonly TValue[] values = new TValue[capacity];

        public override void Capture(int slot) => getter(ref values[slot]);

        public override void Read(int slot, ref TValue value) => value = values[slot];
    }

    private sealed class VectorColumnBuffer<TItem>(DataViewRowCursor source, DataViewSchema.Column column, int capacity) : ColumnBuffer<VBuffer<TItem>>
    {
        private readonly ValueGetter<VBuffer<TItem>> getter = source.GetGetter<VBuffer<TItem>>(column);
        private readonly VBuffer<TItem>[] values = new VBuffer<TItem>[capacity];
        private VBuffer<TItem> current;

        public override void Capture(int slot)
        {
            getter(ref current);
            current.CopyTo(ref values[slot]);
        }

        public override void Read(int slot, ref VBuffer<TItem> value) => values[slot].CopyTo(ref value);
    }
}
