using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Normalization;

/// <summary>Fits a per-channel z-score on windows (or samples, or given statistics) and applies it with built-ins.</summary>
public sealed class ChannelNormalizingEstimator : IEstimator<ChannelNormalizer>
{
    private readonly ChannelNormalizingOptions options;

    internal ChannelNormalizingEstimator(ChannelNormalizingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionRules.Require(options.Samples is null || options.SampleChannelColumnNames.Count > 0, nameof(options.SampleChannelColumnNames), "name the channel columns of the samples.");
        OptionRules.Require(options.Epsilon >= 0, nameof(options.Epsilon), "it must not be negative.");
        this.options = options;
    }

    /// <inheritdoc />
    public ChannelNormalizer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = input.Schema.GetColumnOrNull(options.ColumnName)
            ?? throw new ArgumentException($"The data has no column '{options.ColumnName}'.", nameof(input));
        if (column.Type is not VectorDataViewType { ItemType: var item } vector || item != NumberDataViewType.Single || vector.Dimensions.Length < 2)
            throw new ArgumentException($"Column '{options.ColumnName}' must be Vector<Single, T, C>; it is {column.Type}.", nameof(input));
        var (t, c) = (vector.Dimensions[^2], vector.Dimensions[^1]);

        var statistics = options.Statistics
            ?? (options.Samples is { } samples
                ? ChannelStatistics.FromSamples(samples, options.SampleChannelColumnNames, options.Epsilon)
                : ChannelStatistics.FromWindows(input, options.ColumnName, c, options.Epsilon));
        statistics.Validate(c);

        var normalized = options.ColumnName + "__normalized";
        var model = HarOnnxModelWriter.WriteNormalization(t, c, statistics, options.ColumnName, normalized);
        var ml = new MLContext();
        var chain = OwnedOnnxChain.Fit(ml, model, path => ml.Transforms.ApplyOnnxModel([normalized], [options.ColumnName], path)
            .Append(ml.Transforms.CopyColumns(options.ColumnName, normalized))
            .Append(ml.Transforms.DropColumns(normalized)), input);
        return new ChannelNormalizer(chain, statistics);
    }

    /// <summary>The input's columns, the window column replaced by its normalised values (a float vector without annotations).</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var windows = SchemaShapes.Require(inputSchema, options.ColumnName, "window");
        if (windows.Kind != SchemaShape.Column.VectorKind.Vector || windows.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(options.ColumnName, $"Column '{options.ColumnName}' must be Vector<Single, T, C>; it is {windows.Kind} of {windows.ItemType}.");
        var output = new DataViewSchema.Builder();
        foreach (var column in inputSchema)
        {
            if (column.Name == options.ColumnName)
                output.AddColumn(column.Name, new VectorDataViewType(NumberDataViewType.Single, 1));
            else
                SchemaShapes.AddLike(output, column);
        }
        return SchemaShapes.ShapeOf(output.ToSchema());
    }
}
