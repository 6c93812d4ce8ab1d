using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Reads one scalar column of the sample rows (text, integer, key, float or double) so that windowing can compare
/// values (group changes), order them (label ties), turn them into text (drop lists) and write them back unchanged.
/// </summary>
internal abstract class ScalarColumnReader
{
    public static ScalarColumnReader Create(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        var raw = column.Type.RawType;
        return column.Type switch
        {
            TextDataViewType => new Text(cursor, column),
            KeyDataViewType when raw == typeof(uint) => new Typed<uint>(cursor, column, v => v),
            NumberDataViewType when raw == typeof(int) => new Typed<int>(cursor, column, v => v),
            NumberDataViewType when raw == typeof(long) => new Typed<long>(cursor, column, v => v),
            NumberDataViewType when raw == typeof(uint) => new Typed<uint>(cursor, column, v => v),
            NumberDataViewType when raw == typeof(float) => new Typed<float>(cursor, column, v => v),
            NumberDataViewType when raw == typeof(double) => new Typed<double>(cursor, column, v => v),
            _ => throw new ArgumentException($"Column '{column.Name}' has type {column.Type}; windowing reads text, integer, key, float or double columns.", column.Name),
        };
    }

    /// <summary>Reads the current row's value.</summary>
    public abstract void Read();

    /// <summary>The value read last, as an ordering number for numbers and keys (null for text).</summary>
    public abstract double? Number { get; }

    /// <summary>The value read last as text (key values by their number).</summary>
    public abstract string AsText { get; }

    /// <summary>A boxed copy of the value read last.</summary>
    public abstract object Boxed { get; }

    /// <summary>Whether the value read last equals <paramref name="boxed"/>, a value this reader boxed.</summary>
    public abstract bool Matches(object boxed);

    /// <summary>A getter that returns a boxed value of this column's type.</summary>
    public static Delegate Getter(DataViewType type, Func<object> value) => type.RawType switch
    {
        var t when t == typeof(ReadOnlyMemory<char>) => (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = (ReadOnlyMemory<char>)value()),
        var t when t == typeof(uint) => (ValueGetter<uint>)((ref uint v) => v = (uint)value()),
        var t when t == typeof(int) => (ValueGetter<int>)((ref int v) => v = (int)value()),
        var t when t == typeof(long) => (ValueGetter<long>)((ref long v) => v = (long)value()),
        var t when t == typeof(float) => (ValueGetter<float>)((ref float v) => v = (float)value()),
        var t when t == typeof(double) => (ValueGetter<double>)((ref double v) => v = (double)value()),
        var t => throw new NotSupportedException($"Unsupported column type {t}."),
    };

    private sealed class Text : ScalarColumnReader
    {
        private readonly ValueGetter<ReadOnlyMemory<char>> getter;
        private ReadOnlyMemory<char> value;

        public Text(DataViewRowCursor cursor, DataViewSchema.Column column) => getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);

        public override void Read() => getter(ref value);
        public override double? Number => null;
        public override string AsText => value.ToString();
        public override object Boxed => value.ToString().AsMemory();
        public override bool Matches(object boxed) => value.Span.SequenceEqual(((ReadOnlyMemory<char>)boxed).Span);
    }

    private sealed class Typed<T> : ScalarColumnReader where T : struct, IFormattable
    {
        private readonly ValueGetter<T> getter;
        private readonly Func<T, double> toNumber;
        private T value;

        public Typed(DataViewRowCursor cursor, DataViewSchema.Column column, Func<T, double> toNumber)
        {
            getter = cursor.GetGetter<T>(column);
            this.toNumber = toNumber;
        }

        public override void Read() => getter(ref value);
        public override double? Number => toNumber(value);
        public override string AsText => value.ToString(null, System.Globalization.CultureInfo.InvariantCulture);
        public override object Boxed => value;
        public override bool Matches(object boxed) => value.Equals((T)boxed);
    }
}
