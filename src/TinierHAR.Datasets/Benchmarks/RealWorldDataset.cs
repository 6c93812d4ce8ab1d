using System.Globalization;
using System.IO.Compression;
using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// RealWorld (HAR) 2016: <c>proband{n}/data/acc_{activity}_csv.zip</c> (a zip of one CSV per body location, or a zip of
/// such zips), accelerometer only. Each location is averaged into 20 ms bins on a grid anchored at midnight (Unix ms
/// divisible by 20), empty bins interpolated (50 Hz); the 7 locations are joined on bin time and rows where any
/// location is absent are removed; a recording lacking a location is removed entirely. One segment per (subject, activity).
/// </summary>
internal sealed class RealWorldDataset : HarDataset
{
    private static readonly string[] Activities = ["climbingdown", "climbingup", "jumping", "lying", "running", "sitting", "standing", "walking"];

    /// <summary>Body locations in channel order.</summary>
    public static IReadOnlyList<string> Locations { get; } = ["chest", "forearm", "head", "shin", "thigh", "upperarm", "waist"];

    /// <inheritdoc />
    public override string Key => "rw";

    /// <inheritdoc />
    public override string Name => "RealWorld";

    /// <inheritdoc />
    public override double SamplingRateHz => 50;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } = Locations.SelectMany(l => new[] { $"{l}_acc_x", $"{l}_acc_y", $"{l}_acc_z" }).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames => Activities;

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(1, 15).Select(s => (IReadOnlyList<int>)[s]).ToArray();

    private static readonly string[] ValueColumns = ["attr_time", "attr_x", "attr_y", "attr_z"];

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var subjects = folder.Folders().Where(f => f.Contains("proband", StringComparison.Ordinal))
            .Select(f => (Folder: f, Subject: int.TryParse(f.AsSpan(f.IndexOf("proband", StringComparison.Ordinal) + 7), CultureInfo.InvariantCulture, out var n) ? n : -1))
            .Where(s => s.Subject > 0).OrderBy(s => s.Subject).ToArray();
        folder.RequireAny(subjects.Length, "proband1 … proband15 folders");
        foreach (var (subjectFolder, subject) in subjects)
        {
            for (var activity = 0; activity < Activities.Length; activity++)
            {
                if (folder.Find(Path.Combine(subjectFolder, "data", $"acc_{Activities[activity]}_csv.zip")) is not { } zip) continue;
                tally.Files++;
                var locations = ReadZip(zip, tally);
                if (Locations.FirstOrDefault(l => !locations.ContainsKey(l)) is { } absent)
                {
                    tally.Remove($"recordings without a body location (e.g. {absent})", locations.Values.Sum(b => b.Length));
                    continue;
                }
                var recording = Join(locations, subject, activity, tally);
                if (recording is not null) yield return recording;
            }
        }
    }

    /// <summary>Each location's binned, gap-filled samples: (first bin, values bins × 3).</summary>
    private static Dictionary<string, BinnedSeries> ReadZip(string path, DatasetReadTally tally)
    {
        using var outer = ZipFile.OpenRead(path);
        var archive = outer;
        ZipArchive? inner = null;
        try
        {
            // Zip-in-zip: the authors open only the nested zip with the largest name (the other recordings are ignored).
            if (outer.Entries.Where(e => e.FullName.Contains(".zip", StringComparison.Ordinal)).MaxBy(e => e.FullName, StringComparer.Ordinal) is { } nested)
            {
                var buffer = new MemoryStream();
                using (var stream = nested.Open()) stream.CopyTo(buffer);
                archive = inner = new ZipArchive(buffer, ZipArchiveMode.Read);
            }
            var series = new Dictionary<string, BinnedSeries>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries.Where(e => e.FullName.Contains("csv", StringComparison.Ordinal)))
            {
                var name = entry.Name;
                var location = name[(name.LastIndexOf('_') + 1)..Math.Max(name.LastIndexOf('_') + 1, name.LastIndexOf('.'))];
                var temporary = Path.GetTempFileName();
                try
                {
                    entry.ExtractToFile(temporary, overwrite: true);
                    series[location] = BinnedSeries.Read(temporary, $"{path}!{entry.FullName}", tally);
                }
                finally
                {
                    File.Delete(temporary);
                }
            }
            return series;
        }
        finally
        {
            inner?.Dispose();
        }
    }

    /// <summary>Joins the locations on bin time, keeping the bins every location covers.</summary>
    private Recording? Join(Dictionary<string, BinnedSeries> locations, int subject, int activity, DatasetReadTally tally)
    {
        var start = locations.Values.Max(s => s.FirstBin);
        var end = locations.Values.Min(s => s.FirstBin + s.Length);
        var union = locations.Values.Max(s => s.FirstBin + s.Length) - locations.Values.Min(s => s.FirstBin);
        var rows = (int)Math.Max(0, end - start);
        tally.Remove("bins where not every body location overlaps", union - rows);
        if (rows == 0) return null;
        var values = new float[rows * ChannelNames.Count];
        for (var l = 0; l < Locations.Count; l++)
        {
            var series = locations[Locations[l]];
            for (var r = 0; r < rows; r++)
                Array.Copy(series.Values, (start - series.FirstBin + r) * 3, values, r * ChannelNames.Count + 3 * l, 3);
        }
        return new Recording(subject, $"{subject}_{activity}", values, Enumerable.Repeat(activity, rows).ToArray());
    }

    /// <summary>One location's samples averaged into 20 ms bins (labelled by their left edge), empty bins interpolated.</summary>
    private sealed record BinnedSeries(long FirstBin, float[] Values)
    {
        public long Length => Values.Length / 3;

        public static BinnedSeries Read(string file, string name, DatasetReadTally tally)
        {
            using var text = new TextRecords(file, FieldSplit.Comma, tally);
            if (!text.Next())
                throw new InvalidDataException($"{name}: the file is empty; a header 'id,attr_time,attr_x,attr_y,attr_z' is expected.");
            var header = Enumerable.Range(0, text.FieldCount).Select(i => text.Text(i).Trim('"')).ToList();
            var columns = ValueColumns.Select(c => header.IndexOf(c) is var i and >= 0 ? i
                : throw new InvalidDataException($"{name}:1: the column '{c}' is missing; the header is '{text.Line}'.")).ToArray();
            var sums = new SortedDictionary<long, (double X, double Y, double Z, int N)>();
            Span<double> row = stackalloc double[4];
            while (text.Next())
            {
                if (!text.TryReadNumbers(columns, row, requiredFields: columns.Max() + 1)) continue;
                var bin = (long)Math.Floor(row[0] / 20);
                var (x, y, z, n) = sums.GetValueOrDefault(bin);
                sums[bin] = (x + row[1], y + row[2], z + row[3], n + 1);
            }
            if (sums.Count == 0) return new BinnedSeries(0, []);
            var first = sums.Keys.First();
            var length = (int)(sums.Keys.Last() - first + 1);
            var values = new float[length * 3];
            Array.Fill(values, float.NaN);
            foreach (var (bin, (x, y, z, n)) in sums)
            {
                var at = (int)(bin - first) * 3;
                (values[at], values[at + 1], values[at + 2]) = ((float)(x / n), (float)(y / n), (float)(z / n));
            }
            GapFilling.Fill(values, length, 3);
            return new BinnedSeries(first, values);
        }
    }
}
