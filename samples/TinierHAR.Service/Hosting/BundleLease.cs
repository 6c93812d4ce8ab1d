namespace TinierHAR.Service.Hosting;

/// <summary>A request's hold on one loaded bundle.</summary>
public sealed class BundleLease : IDisposable
{
    private int released;

    internal BundleLease(LoadedBundle loaded) => Loaded = loaded;

    /// <summary>The bundle held.</summary>
    public LoadedBundle Loaded { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
            Loaded.Release();
    }
}
