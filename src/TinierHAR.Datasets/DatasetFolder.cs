using System.IO.Compression;

namespace TinierHAR.Datasets;

/// <summary>
/// A dataset's root folder as distributed: finds files by their original relative names (or the same name plus
/// <c>.gz</c>), opens them (decompressing <c>.gz</c> transparently) and records the expected files that are absent.
/// </summary>
internal sealed class DatasetFolder
{
    private readonly List<string> missing = new();

    /// <summary>Opens <paramref name="root"/>; it must exist.</summary>
    public DatasetFolder(string root, string datasetName)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException($"The {datasetName} folder '{root}' does not exist.");
        Root = Path.GetFullPath(root);
        DatasetName = datasetName;
    }

    /// <summary>The root folder.</summary>
    public string Root { get; }

    /// <summary>The dataset the folder should hold (for messages).</summary>
    public string DatasetName { get; }

    /// <summary>Expected files (relative names) that were looked for and are absent.</summary>
    public IReadOnlyList<string> Missing => missing;

    /// <summary>The full path of <paramref name="relative"/> or of its <c>.gz</c> copy; null (and recorded as missing) when neither exists.</summary>
    public string? Find(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (File.Exists(path)) return path;
        if (File.Exists(path + ".gz")) return path + ".gz";
        missing.Add(relative);
        return null;
    }

    /// <summary>Like <see cref="Find"/>, but a missing file is an error naming it.</summary>
    public string Require(string relative) => Find(relative)
        ?? throw new FileNotFoundException($"'{Root}' is not a {DatasetName} folder: the expected file '{relative}' (or '{relative}.gz') is missing.", Path.Combine(Root, relative));

    /// <summary>Files under <paramref name="relativeFolder"/> (recursively if asked), by original name: <c>.gz</c> stripped, sorted ordinally.</summary>
    public IReadOnlyList<(string Name, string Path)> List(string relativeFolder = "", bool recursive = false)
    {
        var folder = Path.Combine(Root, relativeFolder);
        if (!Directory.Exists(folder)) return [];
        return Directory.EnumerateFiles(folder, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Select(p => (Name: OriginalName(Path.GetRelativePath(folder, p)), Path: p))
            .OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Sub-folders of <paramref name="relativeFolder"/>, by name, sorted ordinally.</summary>
    public IReadOnlyList<string> Folders(string relativeFolder = "")
    {
        var folder = Path.Combine(Root, relativeFolder);
        return Directory.Exists(folder)
            ? Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>Fails naming the expected files when none of them was found: the folder is not this dataset.</summary>
    public void RequireAny(int found, string expected)
    {
        if (found == 0)
            throw new FileNotFoundException($"'{Root}' is not a {DatasetName} folder: none of the expected files ({expected}) is there.");
    }

    /// <summary>Opens a file for reading, decompressing it when its name ends in <c>.gz</c>.</summary>
    public static Stream Open(string path)
    {
        var file = File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>A relative file name without a trailing <c>.gz</c>, with '/' separators.</summary>
    public static string OriginalName(string relative)
    {
        var name = relative.Replace('\\', '/');
        return name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
    }
}
