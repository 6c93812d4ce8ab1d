namespace TinierHAR.MLNet.Data;

/// <summary>What one pass over the CSV files read: rows in = rows read + rows skipped.</summary>
public sealed record CsvReadReport
{
    /// <summary>Files read.</summary>
    public int Files { get; init; }

    /// <summary>Data rows delivered.</summary>
    public long RowsRead { get; init; }

    /// <summary>Rows skipped under <see cref="MalformedRowPolicy.Skip"/>, by reason.</summary>
    public IReadOnlyDictionary<string, long> RowsSkipped { get; init; } = new Dictionary<string, long>();

    /// <inheritdoc />
    public override string ToString() =>
        $"{Files} file(s), {RowsRead} rows read, {RowsSkipped.Values.Sum()} skipped"
        + (RowsSkipped.Count == 0 ? "" : $" ({string.Join(", ", RowsSkipped.Select(p => $"{p.Value} {p.Key}"))})");
}
