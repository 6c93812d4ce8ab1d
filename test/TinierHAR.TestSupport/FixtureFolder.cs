using System.Globalization;
using System.IO.Compression;

namespace TinierHAR.TestSupport;

/// <summary>A temporary folder in which a test writes a dataset in its original layout, deleted on dispose.</summary>
public sealed class FixtureFolder : IDisposable
{
    /// <summary>Creates an empty folder.</summary>
    public FixtureFolder() => Directory.CreateDirectory(Root = Path.Combine(Path.GetTempPath(), $"tinierhar-fixture-{Guid.NewGuid():N}"));

    /// <summary>The folder.</summary>
    public string Root { get; }

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> (gzip-compressed when it ends in .gz); returns the path.</summary>
    public string Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (relative.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest);
            using var writer = new StreamWriter(gzip);
            writer.Write(text);
        }
        else
        {
            File.WriteAllText(path, text);
        }
        return path;
    }

    /// <summary>Lines of numbers joined by <paramref name="separator"/>, one line per row.</summary>
    public static string Lines(IEnumerable<IEnumerable<double>> rows, string separator) =>
        string.Concat(rows.Select(r => string.Join(separator, r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "\n"));

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Root, recursive: true);
}
