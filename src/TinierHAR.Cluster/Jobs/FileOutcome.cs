namespace TinierHAR.Cluster.Jobs;

/// <summary>What scoring one file read and wrote, every row accounted for, or why it failed.</summary>
[GenerateSerializer, Immutable, Alias("tinierhar.file-outcome")]
public sealed class FileOutcome
{
    /// <summary>Data rows in the file (malformed lines included).</summary>
    [Id(0)] public long RowsRead { get; init; }

    /// <summary>Rows inside at least one scored window.</summary>
    [Id(1)] public long RowsInWindows { get; init; }

    /// <summary>Rows removed (repeated or out-of-order timestamps, malformed lines).</summary>
    [Id(2)] public long RowsRemoved { get; init; }

    /// <summary>Rows in no window: short segments and tails.</summary>
    [Id(3)] public long RowsNotCovered { get; init; }

    /// <summary>Windows scored.</summary>
    [Id(4)] public long Windows { get; init; }

    /// <summary>Activity segments written.</summary>
    [Id(5)] public long Segments { get; init; }

    /// <summary>Seconds the scoring took.</summary>
    [Id(6)] public double Seconds { get; init; }

    /// <summary>The silo that scored the file.</summary>
    [Id(7)] public string Silo { get; init; } = "";

    /// <summary>Why the file failed, or null.</summary>
    [Id(8)] public string? Error { get; init; }

    /// <summary>Whether the rows add up: read = in windows + removed + not covered.</summary>
    public bool RowsAddUp => RowsRead == RowsInWindows + RowsRemoved + RowsNotCovered;
}
