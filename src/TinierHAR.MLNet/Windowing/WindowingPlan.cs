using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>The input columns windowing reads and the output schema it produces, checked once.</summary>
internal sealed class WindowingPlan
{
    private WindowingPlan() { }

    public required DataViewSchema OutputSchema { get; init; }
    public required DataViewSchema.Column[] ChannelColumns { get; init; }
    public required DataViewSchema.Column? ChannelVector { get; init; }
    public required DataViewSchema.Column? Label { get; init; }
    public required DataViewSchema.Column[] Groups { get; init; }
    public required DataViewSchema.Column? Timestamp { get; init; }
    public required string[] ChannelNames { get; init; }
    public required int WindowLength { get; init; }
    public required int Step { get; init; }

    /// <summary>Factors the channel values are multiplied by as they are read; empty for none.</summary>
    public required float[] ChannelScales { get; init; }

    /// <summary>Applies <see cref="ChannelScales"/> to one sample's values.</summary>
    public void Scale(Span<float> values)
    {
        for (var i = 0; i < ChannelScales.Length; i++)
            values[i] *= ChannelScales[i];
    }

    public int Channels => ChannelNames.Length;

    public IEnumerable<DataViewSchema.Column> InputColumns =>
        ChannelColumns.Concat(new[] { ChannelVector, Label, Timestamp }.OfType<DataViewSchema.Column>()).Concat(Groups);

    /// <summary>The plan of reading <paramref name="input"/>; <paramref name="scaled"/> false where an earlier stage has scaled the channels already.</summary>
    public static WindowingPlan Create(DataViewSchema input, SensorWindowingOptions options, bool scaled = true)
    {
        DataViewSchema.Column Find(string name, string role) => input.GetColumnOrNull(name)
            ?? throw new ArgumentException($"The samples have no {role} column '{name}' (columns: {string.Join(", ", input.Select(c => c.Name))}).", name);

        var channelColumns = options.ChannelColumnNames.Select(n => Find(n, "channel")).ToArray();
        foreach (var column in channelColumns)
        {
            if (column.Type != NumberDataViewType.Single && column.Type != NumberDataViewType.Double)
                throw new ArgumentException($"Channel column '{column.Name}' must be a float or double scalar; it is {column.Type}.", column.Name);
        }
        DataViewSchema.Column? vector = options.ChannelVectorColumnName is { } vectorName ? Find(vectorName, "channel vector") : null;
        string[] channelNames;
        if (vector is { } v)
        {
            if (v.Type is not VectorDataViewType { ItemType: var item, Size: > 0 } vt || item != NumberDataViewType.Single)
                throw new ArgumentException($"Channel vector column '{v.Name}' must be a known-size float vector; it is {v.Type}.", v.Name);
            channelNames = Enumerable.Range(0, vt.Size).Select(i => $"{v.Name}[{i}]").ToArray();
        }
        else
        {
            channelNames = channelColumns.Select(c => c.Name).ToArray();
        }

        var label = options.LabelColumnName is { } labelName ? Find(labelName, "label") : (DataViewSchema.Column?)null;
        var groups = options.GroupColumnNames.Select(n => Find(n, "group")).ToArray();
        var timestamp = options.TimestampColumnName is { } timeName ? Find(timeName, "timestamp") : (DataViewSchema.Column?)null;
        if (timestamp is { } time && time.Type is not NumberDataViewType)
            throw new ArgumentException($"Timestamp column '{time.Name}' must be numeric (seconds); it is {time.Type}.", time.Name);

        var t = options.ResolvedWindowLength;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(options.OutputColumnName, new VectorDataViewType(NumberDataViewType.Single, t, channelNames.Length));
        if (label is { } l)
            builder.AddColumn(l.Name, l.Type, l.Annotations);
        foreach (var group in groups)
            builder.AddColumn(group.Name, group.Type, group.Annotations);
        builder.AddColumn(SensorWindowsDataView.FirstSampleIndexColumnName, NumberDataViewType.Int64);
        builder.AddColumn(SensorWindowsDataView.LastSampleIndexColumnName, NumberDataViewType.Int64);
        builder.AddColumn(SensorWindowsDataView.RunIndexColumnName, NumberDataViewType.Int64);
        if (timestamp is not null)
        {
            builder.AddColumn(SensorWindowsDataView.StartTimeColumnName, NumberDataViewType.Double);
            builder.AddColumn(SensorWindowsDataView.EndTimeColumnName, NumberDataViewType.Double);
        }

        return new WindowingPlan
        {
            OutputSchema = builder.ToSchema(),
            ChannelColumns = channelColumns,
            ChannelVector = vector,
            Label = label,
            Groups = groups,
            Timestamp = timestamp,
            ChannelNames = channelNames,
            WindowLength = t,
            Step = options.ResolvedStep,
            ChannelScales = scaled && options.ChannelScales.Count == channelNames.Length ? [.. options.ChannelScales] : [],
        };
    }
}
