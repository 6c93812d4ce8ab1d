using TinierHAR.Datasets.Benchmarks;

namespace TinierHAR.Datasets;

/// <summary>The benchmark datasets by key: the 14 of the TinierHAR paper and other real datasets read the same way.</summary>
public static class HarDatasets
{
    /// <summary>The paper's 14 datasets, in the paper's table order.</summary>
    public static IReadOnlyList<HarDataset> Paper { get; } =
    [
        new DaphnetDataset(), new UscHadDataset(), new Pamap2Dataset(), new RealWorldDataset(), new SkodaDataset(), new DsadsDataset(),
        new HaptDataset(), new OpportunityDataset(), new WisdmDataset(), new RecGymDataset(), new UciHarDataset(), new MhealthDataset(),
        new MotionSenseDataset(), new ShoaibDataset(),
    ];

    /// <summary>Other real datasets read the same way (not in the paper).</summary>
    public static IReadOnlyList<HarDataset> Other { get; } = [new Wisdm2019WatchDataset(), new HmpDataset()];

    /// <summary>Every dataset with a fixed layout (UEA <c>.ts</c> problems are opened with <see cref="OpenUeaTs"/>).</summary>
    public static IReadOnlyList<HarDataset> All { get; } = [.. Paper, .. Other];

    /// <summary>The dataset with key <paramref name="key"/> (case-insensitive), or an error listing the keys.</summary>
    public static HarDataset Get(string key) =>
        All.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown dataset '{key}'; the datasets are {string.Join(", ", All.Select(d => d.Key))}.", nameof(key));

    /// <summary>
    /// A problem of the UEA multivariate archive in its <c>.ts</c> format (<c>{Problem}_TRAIN.ts</c> and
    /// <c>{Problem}_TEST.ts</c>): every case is one window; the one fold tests the TEST cases.
    /// </summary>
    /// <param name="folder">The problem's folder.</param>
    /// <param name="samplingRateHz">The series' sampling rate, which the format does not record (BasicMotions: 10 Hz).</param>
    public static HarDataset OpenUeaTs(string folder, double samplingRateHz = 1) => UeaTsDataset.Open(folder, samplingRateHz);
}
