using TinierHAR.Datasets;
using TinierHAR.MLNet.Windowing;

namespace Microsoft.ML;

/// <summary>Catalog entry point of TinierHAR.Datasets on <c>mlContext.Data</c>: the public HAR benchmarks, read as their authors read them.</summary>
public static class HarDatasetCatalog
{
    /// <summary>
    /// A benchmark dataset (<see cref="HarDatasets"/>) read from its original files under <paramref name="root"/> as sample
    /// rows (Subject, Session, key Label, one float column per channel), ready for <see cref="HarCatalog.WindowSensorSamples(DataOperationsCatalog, IDataView, SensorWindowingOptions)"/>.
    /// </summary>
    /// <param name="catalog">The data catalog.</param>
    /// <param name="dataset">The dataset, from <see cref="HarDatasets.Get"/>.</param>
    /// <param name="root">The dataset's folder, as distributed.</param>
    /// <param name="options">Subjects to read and the malformed-row policy; all subjects and errors when null.</param>
    /// <remarks>
    /// Rows are read as the TinierHAR authors' loaders read them (channels, decimation, label map); the dataset's
    /// <see cref="HarDataset.WindowingOptions"/> gives the paper's window length and step.
    /// <example><code>
    /// var hapt = HarDatasets.Get("hapt");
    /// var windows = ml.Data.WindowSensorSamples(ml.Data.LoadHarDataset(hapt, "data/uci-har-hapt"), hapt.WindowingOptions());
    /// </code></example>
    /// </remarks>
    public static DatasetSamplesDataView LoadHarDataset(this DataOperationsCatalog catalog, HarDataset dataset, string root, DatasetLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(dataset);
        return new DatasetSamplesDataView(dataset, root, options ?? new DatasetLoadOptions());
    }
}
