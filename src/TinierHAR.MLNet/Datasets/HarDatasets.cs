using TinierHAR.MLNet.Datasets.Benchmarks;

namespace TinierHAR.MLNet.Datasets;

/// <summary>The benchmark datasets by key: the 14 of the TinierHAR paper.</summary>
public static class HarDatasets
{
    /// <summary>The paper's 14 datasets, in the paper's table order.</summary>
    public static IReadOnlyList<HarDataset> Paper { get; } =
    [
        new HaptDataset(),
    ];

    /// <summary>The dataset with key <paramref name="key"/> (case-insensitive), or an error listing the keys.</summary>
    public static HarDataset Get(string key) =>
        Paper.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown dataset '{key}'; the datasets are {string.Join(", ", Paper.Select(d => d.Key))}.", nameof(key));
}
