using Microsoft.ML;

namespace TinierHAR.MLNet.Windowing;

/// <summary>Estimator of <see cref="SensorWindowingTransformer"/> (nothing to learn), for <c>Append</c> chains and CrossValidate.</summary>
public sealed class SensorWindowingEstimator : IEstimator<SensorWindowingTransformer>
{
    private readonly SensorWindowingOptions options;

    internal SensorWindowingEstimator(SensorWindowingOptions options)
    {
        options.Validate();
        this.options = options;
    }

    /// <inheritdoc />
    public SensorWindowingTransformer Fit(IDataView input)
    {
        WindowingPlan.Create(input.Schema, options);
        return new SensorWindowingTransformer(options);
    }

    /// <summary>
    /// The window column, the label and group columns, the first and last sample indices and, with a timestamp, the
    /// start and end times: what the transformer produces, checked by the same rules as <see cref="Fit"/>.
    /// </summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var input = new DataViewSchema.Builder();
        foreach (var column in inputSchema)
            SchemaShapes.AddLike(input, column);
        return SchemaShapes.ShapeOf(WindowingPlan.Create(input.ToSchema(), options).OutputSchema);
    }
}
