namespace TinierHAR.Datasets;

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
