using System.Collections.Concurrent;
using Microsoft.ML;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Cluster.Jobs;

/// <summary>The model bundles a silo has loaded: each once, shared by the silo's workers.</summary>
public sealed class BundleCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<HarModelBundle>> bundles = new(StringComparer.Ordinal);
    private int loads;

    /// <summary>Bundles loaded so far.</summary>
    public int Loads => loads;

    /// <summary>The bundle at <paramref name="path"/>, loaded on first use.</summary>
    public HarModelBundle Get(string path) => bundles.GetOrAdd(Path.GetFullPath(path), full => new Lazy<HarModelBundle>(() =>
    {
        Interlocked.Increment(ref loads);
        return HarModelBundle.Load(new MLContext(), full);
    })).Value;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var bundle in bundles.Values.Where(b => b.IsValueCreated))
            bundle.Value.Dispose();
        bundles.Clear();
    }
}
