namespace TinierHAR.MLNet.Data;

/// <summary>
/// A file written under a temporary name in the target's folder and renamed over the target only when complete
/// (<see cref="Commit"/>), so a failed or interrupted write never leaves a file that looks finished; disposing an
/// uncommitted file deletes the temporary one. The target's folder is created when missing.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private bool done;

    /// <summary>Starts writing <paramref name="path"/>.</summary>
    public AtomicFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        // Checked first: the rename over a folder would fail only once everything is written.
        if (Directory.Exists(Path))
            throw new IOException($"'{Path}' is a directory, not a file to write.");
        TemporaryPath = $"{Path}.{Guid.NewGuid():N}.partial";
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        Stream = new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
    }

    /// <summary>The file that appears on <see cref="Commit"/>.</summary>
    public string Path { get; }

    /// <summary>Where the content is written meanwhile.</summary>
    public string TemporaryPath { get; }

    /// <summary>The content stream (seekable).</summary>
    public Stream Stream { get; }

    /// <summary>Closes the content and renames it over the target.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(done, this);
        Stream.Dispose();
        File.Move(TemporaryPath, Path, overwrite: true);
        done = true;
    }

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/> in one step.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var file = new AtomicFile(path);
        write(file.Stream);
        file.Commit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (done) return;
        done = true;
        Stream.Dispose();
        File.Delete(TemporaryPath);
    }
}
