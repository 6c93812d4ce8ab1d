using System.IO.Compression;

namespace TinierHAR.Experiments;

/// <summary>
/// A run's mini-batch order as <c>experiments/hapt/authors/replay.py</c> writes it, for
/// <see cref="PaperExperimentOptions.BatchOrders"/>: one line per epoch, the training windows' names separated by
/// spaces in batch order; plain text, or gzip where the name ends in <c>.gz</c>.
/// </summary>
public static class BatchOrderFile
{
    /// <summary>Each epoch's window names; blank lines are skipped.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Read(string path)
    {
        using var file = File.OpenRead(path);
        using var text = new StreamReader(path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file);
        var epochs = new List<IReadOnlyList<string>>();
        while (text.ReadLine() is { } line)
        {
            if (line.Trim().Length > 0)
                epochs.Add(line.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        return epochs;
    }
}
