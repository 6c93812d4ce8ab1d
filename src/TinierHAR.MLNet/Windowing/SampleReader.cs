using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Reads the columns windowing needs from the sample rows into <see cref="SampleRow"/>s, and serves them back through
/// getters of the same types: the shared reading of the interpolation and time stages. Labels and groups repeat for
/// long runs of rows, so a row whose values equal its predecessor's shares its boxed values and group key.
/// </summary>
internal sealed class SampleReader : IDisposable
{
    private readonly WindowingPlan plan;
    private readonly DataViewRowCursor cursor;
    private readonly ValueGetter<float>[] floatChannels;
    private readonly ValueGetter<double>[] doubleChannels;
    private readonly ValueGetter<VBuffer<float>>? vectorChannels;
    private readonly ScalarColumnReader[] readers;
    private readonly int[] groupPositions;
    private readonly ScalarColumnReader? time;
    private readonly ISampleRowSource? stage;
    private SampleRow? previous;
    private long index = -1;

    public SampleReader(IDataView samples, WindowingPlan plan)
    {
        this.plan = plan;
        cursor = samples.GetRowCursor(plan.InputColumns);
        stage = cursor as ISampleRowSource;
        floatChannels = plan.ChannelColumns.Where(col => col.Type == NumberDataViewType.Single).Select(cursor.GetGetter<float>).ToArray();
        doubleChannels = plan.ChannelColumns.Where(col => col.Type == NumberDataViewType.Double).Select(cursor.GetGetter<double>).ToArray();
        vectorChannels = plan.ChannelVector is { } vector ? cursor.GetGetter<VBuffer<float>>(vector) : null;
        Others = new[] { plan.Label }.OfType<DataViewSchema.Column>().Concat(plan.Groups).ToArray();
        time = plan.Timestamp is { } timestamp ? ScalarColumnReader.Create(cursor, timestamp) : null;
        readers = Others.Select(o => ScalarColumnReader.Create(cursor, o)).ToArray();
        groupPositions = plan.Groups.Select(g => Array.FindIndex(Others, o => o.Name == g.Name)).ToArray();
    }

    /// <summary>The label and group columns, in the order of <see cref="SampleRow.Others"/>.</summary>
    public DataViewSchema.Column[] Others { get; }

    /// <summary>The next row, or null at the end.</summary>
    public SampleRow? Read()
    {
        if (stage is not null)
            return stage.NextRow();
        if (!cursor.MoveNext())
            return null;
        index++;
        var values = new float[plan.Channels];
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
        plan.Scale(values);
        foreach (var reader in readers)
            reader.Read();
        time?.Read();
        var timestamp = time?.Number ?? double.NaN;
        if (previous is not null && Unchanged(previous.Others))
            return previous = new SampleRow(values, previous.Others, previous.Group, index, timestamp);
        var others = readers.Select(r => r.Boxed).ToArray();
        return previous = new SampleRow(values, others, string.Join("\u0001", groupPositions.Select(p => readers[p].AsText)), index, timestamp);
    }

    private bool Unchanged(object[] others)
    {
        for (var o = 0; o < readers.Length; o++)
        {
            if (!readers[o].Matches(others[o]))
                return false;
        }
        return true;
    }

    /// <summary>Where input row <paramref name="index"/> came from: file and line where the samples know it.</summary>
    public string Locate(long index) => cursor is IRowLocator locator ? locator.Locate(index) : $"row {index}";

    /// <summary>A getter for column <paramref name="name"/> that reads the current row's values.</summary>
    public Delegate Getter(string name, Func<float[]> channels, Func<object[]> others, Func<double> timestamp)
    {
        if (plan.Timestamp is { } time && time.Name == name)
        {
            var raw = time.Type.RawType;
            return raw == typeof(double) ? (ValueGetter<double>)((ref double v) => v = timestamp())
                : raw == typeof(float) ? (ValueGetter<float>)((ref float v) => v = (float)timestamp())
                : raw == typeof(long) ? (ValueGetter<long>)((ref long v) => v = (long)Math.Round(timestamp()))
                : (ValueGetter<int>)((ref int v) => v = (int)Math.Round(timestamp()));
        }
        var channel = Array.FindIndex(plan.ChannelColumns, ch => ch.Name == name);
        if (channel >= 0)
        {
            return plan.ChannelColumns[channel].Type == NumberDataViewType.Double
                ? (ValueGetter<double>)((ref double v) => v = channels()[channel])
                : (ValueGetter<float>)((ref float v) => v = channels()[channel]);
        }
        if (plan.ChannelVector is { } vector && vector.Name == name)
        {
            return (ValueGetter<VBuffer<float>>)((ref VBuffer<float> v) =>
            {
                var values = channels();
                var editor = VBufferEditor.Create(ref v, values.Length);
                values.AsSpan().CopyTo(editor.Values);
                v = editor.Commit();
            });
        }
        var other = Array.FindIndex(Others, o => o.Name == name);
        return ScalarColumnReader.Getter(Others[other].Type, () => others()[other]);
    }

    public void Dispose() => cursor.Dispose();
}
