namespace TinierHAR.Service.Hosting;

/// <summary>
/// The bundle being served. <see cref="Reload"/> loads the file anew and swaps it in with one atomic exchange: a
/// request holds the bundle it started with to its end. The file is watched, so that replacing it (best by a rename,
/// which is atomic) reloads it; a file that cannot be loaded leaves the served bundle in place and is reported.
/// </summary>
public sealed partial class BundleHolder : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    private readonly string path;
    private readonly ILogger<BundleHolder> logger;
    private readonly Lock reloading = new();
    private readonly FileSystemWatcher watcher;
    private readonly Timer debounce;
    private LoadedBundle current;

    public BundleHolder(HarScoringServiceOptions options, ILogger<BundleHolder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        path = options.BundlePath;
        this.logger = logger;
        current = LoadedBundle.Load(path, version: 1);
        Serving(logger, path, current.Sha256);
        debounce = new Timer(_ => ReloadQuietly());
        watcher = new FileSystemWatcher(Path.GetDirectoryName(path)!, Path.GetFileName(path))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => debounce.Change(Settle, Timeout.InfiniteTimeSpan);
        watcher.Created += (_, _) => debounce.Change(Settle, Timeout.InfiniteTimeSpan);
        watcher.Renamed += (_, _) => debounce.Change(Settle, Timeout.InfiniteTimeSpan);
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>The bundle served now.</summary>
    public LoadedBundle Current => Volatile.Read(ref current);

    /// <summary>The last reload's error, or null when it succeeded (or none failed).</summary>
    public string? LastReloadError { get; private set; }

    /// <summary>A hold on the bundle served now, for one request.</summary>
    public BundleLease Acquire()
    {
        while (true)
        {
            var loaded = Current;
            if (loaded.TryAcquire())
                return new BundleLease(loaded);
        }
    }

    /// <summary>Loads the file and serves it from now on; the bundle it replaces goes when its last request ends.</summary>
    public LoadedBundle Reload()
    {
        lock (reloading)
        {
            var next = LoadedBundle.Load(path, Current.Version + 1);
            var previous = Interlocked.Exchange(ref current, next);
            LastReloadError = null;
            Reloaded(logger, path, next.Version, next.Sha256, previous.Sha256);
            previous.Release();
            return next;
        }
    }

    private void ReloadQuietly()
    {
        try
        {
            if (File.Exists(path))
                Reload();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            LastReloadError = e.Message;
            NotReloaded(logger, Current.Sha256, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving {Path} (SHA-256 {Sha256}).")]
    private static partial void Serving(ILogger logger, string path, string sha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reloaded {Path}: version {Version}, SHA-256 {Sha256} (was {Previous}).")]
    private static partial void Reloaded(ILogger logger, string path, int version, string sha256, string previous);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The bundle file changed but cannot be loaded; still serving {Sha256}: {Message}")]
    private static partial void NotReloaded(ILogger logger, string sha256, string message);

    /// <inheritdoc />
    public void Dispose()
    {
        watcher.Dispose();
        debounce.Dispose();
        Current.Release();
    }
}
