using TinierHAR.MLNet.Data;

namespace TinierHAR.Datasets;

/// <summary>Counts kept while a dataset is read: files, rows delivered, rows removed by the authors' rules and rows skipped.</summary>
internal sealed class DatasetReadTally
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
        Files = Files,
        MissingFiles = missing,
        RowsDelivered = RowsDelivered,
        UnmappedLabels = UnmappedLabels,
        RowsRemovedByRule = new Dictionary<string, long>(removed),
        RowsSkipped = new Dictionary<string, long>(skipped),
        FirstSkipped = FirstSkipped,
    };
}
