using System.Globalization;
using System.IO.Compression;
using Microsoft.ML;
using TinierHAR.MLNet.Datasets;

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

/// <summary>One sample row of a dataset view, read back for assertions.</summary>
public sealed record SampleRow(string Subject, string Session, string? Label, float[] Channels)
{
    /// <summary>Every row of <paramref name="view"/>: label by key value (null for key 0).</summary>
    public static IReadOnlyList<SampleRow> ReadAll(DatasetSamplesDataView view)
    {
        var rows = new List<SampleRow>();
        var channels = view.Dataset.ChannelNames.Select(n => view.Schema[n]).ToArray();
        var labelNames = view.Dataset.LabelNames;
        using var cursor = view.GetRowCursor(view.Schema);
        var subject = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema[DatasetSamplesDataView.SubjectColumnName]);
        var session = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema[DatasetSamplesDataView.SessionColumnName]);
        var label = cursor.GetGetter<uint>(view.Schema[DatasetSamplesDataView.LabelColumnName]);
        var getters = channels.Select(c => cursor.GetGetter<float>(c)).ToArray();
        ReadOnlyMemory<char> s = default, e = default;
        uint key = 0;
        while (cursor.MoveNext())
        {
            subject(ref s);
            session(ref e);
            label(ref key);
            var values = new float[getters.Length];
            for (var i = 0; i < getters.Length; i++)
                getters[i](ref values[i]);
            rows.Add(new SampleRow(s.ToString(), e.ToString(), key == 0 ? null : labelNames[(int)key - 1], values));
        }
        return rows;
    }

    /// <summary>Loads <paramref name="dataset"/> from <paramref name="root"/> and reads every row.</summary>
    public static (IReadOnlyList<SampleRow> Rows, DatasetReadReport Report) Load(HarDataset dataset, string root, DatasetLoadOptions? options = null)
    {
        var view = new MLContext(1).Data.LoadHarDataset(dataset, root, options);
        var rows = ReadAll(view);
        return (rows, view.LastReport!);
    }
}
