using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Datasets;

/// <summary>Counts kept while a dataset is read: files, rows delivered, rows removed by the authors' rules and rows skipped.</summary>
public sealed class DatasetReadTally
{
    private readonly Dictionary<string, long> removed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> skipped = new(StringComparer.Ordinal);

    internal DatasetReadTally(DatasetLoadOptions options) => SkipMalformed = options.MalformedRows == MalformedRowPolicy.Skip;

    /// <summary>Whether malformed lines are skipped (and counted) instead of failing.</summary>
    public bool SkipMalformed { get; }

    /// <summary>First message of a skipped line, to show what was wrong.</summary>
    public string? FirstSkipped { get; private set; }

    internal int Files { get; set; }

    internal long RowsDelivered { get; set; }

    internal long UnmappedLabels { get; set; }

    /// <summary>Counts rows the authors' loader removes by rule (decimation, missing values, other positions).</summary>
    public void Remove(string rule, long rows = 1)
    {
        if (rows > 0) removed[rule] = removed.GetValueOrDefault(rule) + rows;
    }

    /// <summary>Counts a malformed line skipped under the opt-in policy.</summary>
    public void Skip(string reason, string message)
    {
        skipped[reason] = skipped.GetValueOrDefault(reason) + 1;
        FirstSkipped ??= message;
    }

    internal DatasetReadReport ToReport(IReadOnlyList<string> missing) => new()
    {
        Files = Files, MissingFiles = missing, RowsDelivered = RowsDelivered, UnmappedLabels = UnmappedLabels,
        RowsRemovedByRule = new Dictionary<string, long>(removed), RowsSkipped = new Dictionary<string, long>(skipped), FirstSkipped = FirstSkipped,
    };
}

/// <summary>What one pass over a dataset read: rows in the files = delivered + removed by rule + skipped.</summary>
public sealed record DatasetReadReport
{
    /// <summary>Files read.</summary>
    public int Files { get; init; }

    /// <summary>Expected files that are absent (a partial copy).</summary>
    public IReadOnlyList<string> MissingFiles { get; init; } = [];

    /// <summary>Sample rows delivered.</summary>
    public long RowsDelivered { get; init; }

    /// <summary>Delivered rows whose raw label is not in the dataset's map (missing label, ignored by the window vote).</summary>
    public long UnmappedLabels { get; init; }

    /// <summary>Rows the authors' loader removes, by rule.</summary>
    public IReadOnlyDictionary<string, long> RowsRemovedByRule { get; init; } = new Dictionary<string, long>();

    /// <summary>Malformed lines skipped under the opt-in policy, by reason.</summary>
    public IReadOnlyDictionary<string, long> RowsSkipped { get; init; } = new Dictionary<string, long>();

    /// <summary>The first skipped line's message, or null.</summary>
    public string? FirstSkipped { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        static string List(IReadOnlyDictionary<string, long> counts) => string.Join(", ", counts.Select(p => $"{p.Value} {p.Key}"));
        var text = $"{Files} file(s), {RowsDelivered} rows delivered";
        if (RowsRemovedByRule.Count > 0) text += $", removed by the authors' rules: {List(RowsRemovedByRule)}";
        if (RowsSkipped.Count > 0) text += $", skipped: {List(RowsSkipped)} (first: {FirstSkipped})";
        if (UnmappedLabels > 0) text += $", {UnmappedLabels} rows with an unmapped label";
        if (MissingFiles.Count > 0) text += $"; {MissingFiles.Count} expected file(s) missing: {string.Join(", ", MissingFiles.Take(10))}{(MissingFiles.Count > 10 ? ", …" : "")}";
        return text;
    }
}
