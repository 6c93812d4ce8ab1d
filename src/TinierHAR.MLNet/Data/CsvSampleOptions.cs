namespace TinierHAR.MLNet.Data;

/// <summary>What happens to a CSV row that cannot be read (a value that is not a number, a missing field).</summary>
public enum MalformedRowPolicy
{
    /// <summary>Stop with an error naming the file, line and column (default).</summary>
    Error,
    /// <summary>Skip the row and count it in <see cref="CsvReadReport"/>.</summary>
    Skip,
}

/// <summary>How to read sensor logs from CSV files: which columns hold what.</summary>
public sealed class CsvSampleOptions
{
    /// <summary>Channel columns, in channel order; read as floats.</summary>
    public IReadOnlyList<string> ChannelColumnNames { get; set; } = [];

    /// <summary>Timestamp column (seconds), or null.</summary>
    public string? TimestampColumnName { get; set; }

    /// <summary>Label column (text), or null for unlabelled logs.</summary>
    public string? LabelColumnName { get; set; }

    /// <summary>Subject column (text), or null: the subject is then empty.</summary>
    public string? SubjectColumnName { get; set; }

    /// <summary>Session column (text), or null: the session is then the file name, so windows never span two files.</summary>
    public string? SessionColumnName { get; set; }

    /// <summary>What happens to rows that cannot be read.</summary>
    public MalformedRowPolicy MalformedRows { get; set; } = MalformedRowPolicy.Error;
}

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
