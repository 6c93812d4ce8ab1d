using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Cuts sample rows into windows (many rows in, one row out), so it is not row-to-row and cannot be part of a saved
/// ML.NET model: save the fitted chain that follows it, on the windows' schema, or a <see cref="Scoring.HarModelBundle"/>.
/// </summary>
public sealed class SensorWindowingTransformer : ITransformer
{
    internal SensorWindowingTransformer(SensorWindowingOptions options) => Options = options;

    /// <summary>The windowing options.</summary>
    public SensorWindowingOptions Options { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => false;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => WindowingPlan.Create(inputSchema, Options).OutputSchema;

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new InvalidOperationException("Windowing turns many sample rows into one window: it has no row-to-row mapper. Score windows instead.");

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => new SensorWindowsDataView(input, Options);

    /// <inheritdoc />
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(
        "The windowing transformer cannot be saved in an ML.NET model (it changes the row count, like filters in ML.NET). "
        + "Save the chain after it with mlContext.Model.Save(model, windows.Schema, path), or, to keep the window settings with it, "
        + "as a model bundle with HarModelBundle.Save, which scores raw logs.");
}
