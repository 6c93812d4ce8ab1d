using Microsoft.ML;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Datasets;
using TinierHAR.MLNet.Normalization;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet;

/// <summary>Catalog entry points of TinierHAR.MLNet on <c>mlContext.Data</c> and <c>mlContext.Transforms</c>.</summary>
public static class HarCatalog
{
    /// <summary>
    /// Sensor samples from one CSV file or a folder of them (plain or <c>.gz</c>), streamed, one row per sample; errors
    /// name the file, line and column, or rows are skipped and counted with <see cref="MalformedRowPolicy.Skip"/>.
    /// </summary>
    public static CsvSamplesDataView LoadSensorCsv(this DataOperationsCatalog catalog, string path, CsvSampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CsvSamplesDataView(path, options);
    }

    /// <summary>
    /// A benchmark dataset (<see cref="HarDatasets"/>) read from its original files under <paramref name="root"/> as sample
    /// rows (Subject, Session, key Label, one float column per channel), ready for <see cref="WindowSensorSamples(DataOperationsCatalog, IDataView, SensorWindowingOptions)"/>.
    /// </summary>
    public static DatasetSamplesDataView LoadHarDataset(this DataOperationsCatalog catalog, HarDataset dataset, string root, DatasetLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(dataset);
        return new DatasetSamplesDataView(dataset, root, options ?? new DatasetLoadOptions());
    }

    /// <summary>
    /// Windows of sensor samples as a data operation (like <c>FilterRowsByColumn</c>): streams the samples and yields
    /// one row per window; <see cref="SensorWindowsDataView.CountAll"/> reports rows read, windows and rows not covered.
    /// </summary>
    public static SensorWindowsDataView WindowSensorSamples(this DataOperationsCatalog catalog, IDataView samples, SensorWindowingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SensorWindowsDataView(samples, options);
    }

    /// <summary>Windows of sensor samples as an estimator, for <c>Append</c> chains and <c>CrossValidate</c> on sample rows.</summary>
    public static SensorWindowingEstimator WindowSensorSamples(this TransformsCatalog catalog, SensorWindowingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new SensorWindowingEstimator(options);
    }

    /// <summary>
    /// Per-channel z-score of a window column (the C axis of <c>Vector&lt;Single, T, C&gt;</c>), fitted on the windows,
    /// on sample rows or given; kept by <c>mlContext.Model.Save</c>.
    /// </summary>
    public static ChannelNormalizingEstimator NormalizeSensorChannels(this TransformsCatalog catalog, ChannelNormalizingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ChannelNormalizingEstimator(options ?? new ChannelNormalizingOptions());
    }

    /// <summary>
    /// Scores a column of windows with a trained HAR ONNX model many windows per ONNX Runtime call (ML.NET's
    /// <c>ApplyOnnxModel</c> makes one call per row), adding <c>Score</c> and <c>PredictedLabel</c>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="onnxModel">A model written by this library (<c>HarOnnxExporter</c>, <c>HarOnnxModelWriter</c>).</param>
    /// <param name="options">Columns, batch size and threads.</param>
    /// <param name="normalization">Per-channel statistics to apply first, when the model expects normalised windows and does not hold them.</param>
    public static BatchedHarScoringEstimator ScoreHarWindowsBatched(this TransformsCatalog catalog, byte[] onnxModel,
        BatchedHarScoringOptions? options = null, ChannelNormalization? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new BatchedHarScoringEstimator(onnxModel, options ?? new BatchedHarScoringOptions(), normalization);
    }
}
