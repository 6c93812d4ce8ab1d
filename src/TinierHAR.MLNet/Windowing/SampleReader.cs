using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Reads the columns windowing needs from the sample rows into <see cref="SampleRow"/>s, and serves them back through
/// getters of the same types: the shared reading of the interpolation and resampling stages.
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
    private long index = -1;

    public SampleReader(IDataView samples, WindowingPlan plan)
    {
        this.plan = plan;
        cursor = samples.GetRowCursor(plan.InputColumns);
        floatChannels = plan.ChannelColumns.Where(col => col.Type == NumberDataViewType.Single).Select(cursor.GetGetter<float>).ToArray();
        doubleChannels = plan.ChannelColumns.Where(col => col.Type == NumberDataViewType.Double).Select(cursor.GetGetter<double>).ToArray();
        vectorChannels = plan.ChannelVector is { } vector ? cursor.GetGetter<VBuffer<float>>(vector) : null;
        Others = new[] { plan.Label, plan.Timestamp }.OfType<DataViewSchema.Column>().Concat(plan.Groups).ToArray();
        readers = Others.Select(o => ScalarColumnReader.Create(cursor, o)).ToArray();
        groupPositions = plan.Groups.Select(g => Array.FindIndex(Others, o => o.Name == g.Name)).ToArray();
    }

    /// <summary>The non-channel columns, in the order of <see cref="SampleRow.Others"/>.</summary>
    public DataViewSchema.Column[] Others { get; }

    /// <summary>The next row, or null at the end.</summary>
    public SampleRow? Read()
    {
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
        var others = new object[Others.Length];
        for (var o = 0; o < Others.Length; o++)
        {
            readers[o].Read();
            others[o] = readers[o].Boxed;
        }
        return new SampleRow(values, others, string.Join("\u0001", groupPositions.Select(p => readers[p].AsText)), index);
    }

    /// <summary>Where input row <paramref name="index"/> came from: file and line where the samples know it.</summary>
    public string Locate(long index) => cursor is IRowLocator locator ? locator.Locate(index) : $"row {index}";

    /// <summary>A getter for column <paramref name="name"/> that reads the current row's values.</summary>
    public Delegate Getter(string name, Func<float[]> channels, Func<object[]> others)
    {
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
