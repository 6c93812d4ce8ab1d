using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Inspection;
using TinierHAR.MLNet.Normalization;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;

namespace Microsoft.ML;

/// <summary>Catalog entry points of TinierHAR.MLNet (in ML.NET's namespace, as its own add-ons put them) on <c>mlContext.Data</c> and <c>mlContext.Transforms</c>.</summary>
public static class HarCatalog
{
    /// <summary>
    /// Sensor samples from one CSV file or a folder of them (plain or <c>.gz</c>), streamed, one row per sample; errors
    /// name the file, line and column, or rows are skipped and counted with <see cref="MalformedRowPolicy.Skip"/>.
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="path">A <c>.csv</c> or <c>.csv.gz</c> file, a folder of them, or a pattern of <c>*</c>, <c>?</c> and <c>**</c> (<c>logs/*/day?.csv</c>); the files are read in name order.</param>
    /// <param name="options">The columns by name (channels, timestamp, label, subject, session), separator and malformed-row policy.</param>
    /// <remarks>
    /// The session defaults to the file, so that windows never span two recordings; <see cref="StreamingDataView{TReport}.LastReport"/>
    /// gives rows read and skipped after a pass.
    /// <example><code>
    /// var samples = ml.Data.LoadSensorCsv("logs/", new CsvSampleOptions
    /// {
    ///     ChannelColumnNames = ["ax", "ay", "az"], LabelColumnName = "activity", SubjectColumnName = "user",
    /// });
    /// </code></example>
    /// </remarks>
    public static CsvSamplesDataView LoadSensorCsv(this DataOperationsCatalog catalog, string path, CsvSampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CsvSamplesDataView(path, options);
    }

    /// <summary>
    /// What a sensor log holds, per recording and in total (rows, duration, time unit, intervals and rate, gaps,
    /// repeated and out-of-order timestamps, non-finite values, labels), read in one pass: look before training.
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="samples">The sample rows, such as <see cref="LoadSensorCsv"/> gives.</param>
    /// <param name="options">The channel, timestamp, label and group columns.</param>
    /// <remarks>
    /// <example><code>
    /// var log = ml.Data.LoadSensorCsv("logs/", columns);
    /// var inspection = ml.Data.InspectSensorLog(log, new SensorLogInspectionOptions
    /// {
    ///     ChannelColumnNames = columns.ChannelColumnNames, TimestampColumnName = "t", LabelColumnName = "activity",
    ///     GroupColumnNames = ["Subject", "Session"],
    /// });
    /// Console.WriteLine(inspection.ToText());
    /// </code></example>
    /// </remarks>
    public static SensorLogInspection InspectSensorLog(this DataOperationsCatalog catalog, IDataView samples, SensorLogInspectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return SensorLogInspector.Inspect(samples, options);
    }

    /// <summary>
    /// Windows of sensor samples as a data operation (like <c>FilterRowsByColumn</c>): streams the samples and yields
    /// one row per window; <see cref="SensorWindowsDataView.CountAll"/> reports rows read, windows and rows not covered.
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="samples">One row per sample: channel columns (or one vector column) and optional label, group and timestamp columns.</param>
    /// <param name="options">Window length and step, columns, label rule, gaps, resampling and invalid values.</param>
    /// <remarks>
    /// The windows are a new data view (rows in = covered + not covered, reported); to window inside an <c>Append</c>
    /// chain, use the estimator of <see cref="WindowSensorSamples(TransformsCatalog, SensorWindowingOptions)"/>.
    /// <example><code>
    /// var windows = ml.Data.WindowSensorSamples(samples, new SensorWindowingOptions
    /// {
    ///     ChannelColumnNames = ["AccX", "AccY", "AccZ"], WindowSeconds = 2.56, SamplingRateHz = 50,
    ///     LabelColumnName = "Activity", GroupColumnNames = ["Subject"], TimestampColumnName = "Time",
    /// });
    /// </code></example>
    /// </remarks>
    public static SensorWindowsDataView WindowSensorSamples(this DataOperationsCatalog catalog, IDataView samples, SensorWindowingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new SensorWindowsDataView(samples, options);
    }

    /// <summary>Windows of sensor samples as an estimator, for <c>Append</c> chains and <c>CrossValidate</c> on sample rows.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">Window length and step, columns, label rule, gaps, resampling and invalid values.</param>
    /// <remarks>
    /// The fitted transformer turns sample rows into window rows, so a chain that contains it cannot be saved with
    /// <c>mlContext.Model.Save</c>: save the chain after it, or a <see cref="HarModelBundle"/>, which keeps the window settings.
    /// <example><code>
    /// var pipeline = ml.Transforms.WindowSensorSamples(windowing)
    ///     .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Activity"))
    ///     .Append(ml.Transforms.NormalizeSensorChannels("Features"));
    /// </code></example>
    /// </remarks>
    public static SensorWindowingEstimator WindowSensorSamples(this TransformsCatalog catalog, SensorWindowingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new SensorWindowingEstimator(options);
    }

    /// <summary>Windows of sensor samples as an estimator, from the settings people change most.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The window column to create, <c>Vector&lt;Single, T, C&gt;</c> (time x channels).</param>
    /// <param name="channelColumnNames">Scalar float or double channel columns, in channel order.</param>
    /// <param name="windowLength">Window length T in samples.</param>
    /// <param name="labelColumnName">Label column of the samples (the majority label of each window), or null.</param>
    /// <param name="groupColumnName">A column whose change starts a new segment (subject, recording), or null.</param>
    /// <param name="step">Samples between window starts; 0 for T/2 (the paper's 50 % overlap).</param>
    /// <remarks>
    /// Windows never cross a change of the group column; the incomplete tail of each segment is dropped. The other
    /// settings (a timestamp column, seconds instead of samples, label policy, dropped labels, resampling, invalid
    /// values) are on <see cref="SensorWindowingOptions"/>.
    /// <example><code>
    /// var windows = ml.Transforms.WindowSensorSamples("Features", ["AccX", "AccY", "AccZ"], windowLength: 128,
    ///     labelColumnName: "Activity", groupColumnName: "Subject");
    /// </code></example>
    /// </remarks>
    public static SensorWindowingEstimator WindowSensorSamples(this TransformsCatalog catalog, string outputColumnName, string[] channelColumnNames,
        int windowLength, string? labelColumnName = null, string? groupColumnName = null, int step = 0) =>
        catalog.WindowSensorSamples(new SensorWindowingOptions
        {
            OutputColumnName = outputColumnName,
            ChannelColumnNames = channelColumnNames,
            WindowLength = windowLength,
            Step = step,
            LabelColumnName = labelColumnName,
            GroupColumnNames = groupColumnName is null ? [] : [groupColumnName],
        });

    /// <summary>Per-channel z-score of the window column <paramref name="columnName"/>, fitted on the windows.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columnName">The window column, <c>Vector&lt;Single, T, C&gt;</c>, replaced by its normalised values.</param>
    /// <remarks>
    /// Fitting on sample rows (the paper) or given statistics is on <see cref="ChannelNormalizingOptions"/>.
    /// <example><code>
    /// var pipeline = ml.Transforms.NormalizeSensorChannels("Features")
    ///     .Append(ml.MulticlassClassification.Trainers.TinierHar(maxEpochs: 40));
    /// </code></example>
    /// </remarks>
    public static ChannelNormalizingEstimator NormalizeSensorChannels(this TransformsCatalog catalog, string columnName) =>
        catalog.NormalizeSensorChannels(new ChannelNormalizingOptions { ColumnName = columnName });

    /// <summary>
    /// Per-channel z-score of a window column (the C axis of <c>Vector&lt;Single, T, C&gt;</c>), fitted on the windows,
    /// on sample rows or given; kept by <c>mlContext.Model.Save</c>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The window column, where the statistics come from (windows, sample rows or given) and ε.</param>
    /// <remarks>
    /// The paper fits the statistics on the training subjects' sample rows, not their windows, and adds ε to each
    /// standard deviation; both are options here.
    /// <example><code>
    /// var normalize = ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions
    /// {
    ///     ColumnName = "Features", Samples = trainSamples, SampleChannelColumnNames = ["AccX", "AccY", "AccZ"],
    /// });
    /// </code></example>
    /// </remarks>
    public static ChannelNormalizingEstimator NormalizeSensorChannels(this TransformsCatalog catalog, ChannelNormalizingOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new ChannelNormalizingEstimator(options);
    }

    /// <summary>
    /// Scores a column of windows with a trained HAR ONNX model many windows per ONNX Runtime call (ML.NET's
    /// <c>ApplyOnnxModel</c> makes one call per row), adding <c>Score</c> and <c>PredictedLabel</c>.
    /// </summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="onnxModel">A model written by this library (<c>HarOnnxExporter</c> in TinierHAR.Trainer).</param>
    /// <param name="options">Columns, batch size, threads and, for a model that expects normalised windows, the normalisation.</param>
    /// <remarks>
    /// Scores equal the per-row <c>ApplyOnnxModel</c> chain's within 1e-6; the transformer is not saveable (save the
    /// ONNX model or a bundle instead).
    /// <example><code>
    /// var scored = ml.Transforms.ScoreHarWindowsBatched(onnx, new BatchedHarScoringOptions { BatchSize = 256, ConcurrentBatches = 2 })
    ///     .Fit(windows).Transform(windows);
    /// </code></example>
    /// </remarks>
    public static BatchedHarScoringEstimator ScoreHarWindowsBatched(this TransformsCatalog catalog, byte[] onnxModel, BatchedHarScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        return new BatchedHarScoringEstimator(onnxModel, options);
    }

    /// <summary>Scores the window column <paramref name="featureColumnName"/> with a trained HAR ONNX model, <paramref name="batchSize"/> windows per ONNX Runtime call.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="onnxModel">A model written by this library (<c>HarOnnxExporter</c> in TinierHAR.Trainer).</param>
    /// <param name="featureColumnName">The window column.</param>
    /// <param name="batchSize">Windows per ONNX Runtime call.</param>
    /// <remarks>
    /// Adds <c>Score</c> (class slot names) and <c>PredictedLabel</c> (a key over the class names); threads and
    /// normalisation are on the <see cref="BatchedHarScoringOptions"/> overload.
    /// <example><code>
    /// var scored = ml.Transforms.ScoreHarWindowsBatched(File.ReadAllBytes("model.onnx"), "Features", batchSize: 256)
    ///     .Fit(windows).Transform(windows);
    /// </code></example>
    /// </remarks>
    public static BatchedHarScoringEstimator ScoreHarWindowsBatched(this TransformsCatalog catalog, byte[] onnxModel, string featureColumnName = "Features", int batchSize = 128) =>
        catalog.ScoreHarWindowsBatched(onnxModel, new BatchedHarScoringOptions { FeatureColumnName = featureColumnName, BatchSize = batchSize });
}
