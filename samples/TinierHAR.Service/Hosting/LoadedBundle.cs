using System.Security.Cryptography;
using Microsoft.ML;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Service.Hosting;

/// <summary>
/// One load of the bundle file: the bundle, its SHA-256 and when it was loaded. Requests hold it through a
/// <see cref="BundleLease"/>; a replaced bundle is disposed when its last request ends, so that no request ever
/// sees two models.
/// </summary>
public sealed class LoadedBundle
{
    private int references = 1; // the holder's own, until it is replaced

    private readonly string copy;

    private LoadedBundle(HarModelBundle bundle, string copy, string sha256, int version)
    {
        Bundle = bundle;
        this.copy = copy;
        Sha256 = sha256;
        Version = version;
    }

    /// <summary>The bundle.</summary>
    public HarModelBundle Bundle { get; }

    /// <summary>The SHA-256 of the file as it was loaded (hex, lower case).</summary>
    public string Sha256 { get; }

    /// <summary>1 for the first load, one more for each reload.</summary>
    public int Version { get; }

    /// <summary>When it was loaded.</summary>
    public DateTimeOffset LoadedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Reads the file once and loads a private copy of those bytes (the bundle reads its file again on demand), so that
    /// the hash is that of the model served even while the file is being replaced.
    /// </summary>
    public static LoadedBundle Load(string path, int version)
    {
        var bytes = File.ReadAllBytes(path);
        var copy = Path.Combine(Path.GetTempPath(), $"tinierhar-service-{Guid.NewGuid():N}.zip");
        File.WriteAllBytes(copy, bytes);
        try
        {
            return new LoadedBundle(HarModelBundle.Load(new MLContext(seed: 1), copy), copy, Convert.ToHexStringLower(SHA256.HashData(bytes)), version);
        }
        catch (InvalidDataException e)
        {
            File.Delete(copy);
            throw new InvalidDataException(e.Message.Replace(copy, path, StringComparison.Ordinal), e);
        }
        catch
        {
            File.Delete(copy);
            throw;
        }
    }

    /// <summary>Takes a reference unless the bundle is released already.</summary>
    internal bool TryAcquire()
    {
        for (var count = Volatile.Read(ref references); count > 0; count = Volatile.Read(ref references))
        {
            if (Interlocked.CompareExchange(ref references, count + 1, count) == count)
                return true;
        }
        return false;
    }

    /// <summary>Gives a reference back; the last one disposes the bundle.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref references) != 0)
            return;
        Bundle.Dispose();
        File.Delete(copy);
    }
}
