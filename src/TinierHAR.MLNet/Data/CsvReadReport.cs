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

    /// <summary>The unit each file's timestamps were read in (file name → decision), when there is a timestamp column.</summary>
    public IReadOnlyDictionary<string, TimestampDecision> TimestampUnits { get; init; } = new Dictionary<string, TimestampDecision>();

    /// <summary>One line per unit: how many files were read in it, and the first file's evidence.</summary>
    public IEnumerable<string> TimestampSummary() => TimestampUnits.GroupBy(p => p.Value.Unit)
        .Select(g => $"{MLNet.Data.TimestampUnitNames.Symbol(g.Key)} in {g.Count()} file(s) (first, {g.First().Key}: {g.First().Value.Evidence})");

    /// <inheritdoc />
    public override string ToString() =>
        $"{Files} file(s), {RowsRead} rows read, {RowsSkipped.Values.Sum()} skipped"
        + (RowsSkipped.Count == 0 ? "" : $" ({string.Join(", ", RowsSkipped.Select(p => $"{p.Value} {p.Key}"))})");
}
