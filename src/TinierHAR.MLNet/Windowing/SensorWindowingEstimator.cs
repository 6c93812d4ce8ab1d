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
    /// Adds the window column (minted by a built-in estimator, as SchemaShape columns cannot be built outside ML.NET);
    /// label and group columns pass through.
    /// </summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var sources = options.ChannelVectorColumnName is { } vector ? [vector] : options.ChannelColumnNames.ToArray();
        return new MLContext().Transforms.Concatenate(options.OutputColumnName, sources).GetOutputSchema(inputSchema);
    }
}
