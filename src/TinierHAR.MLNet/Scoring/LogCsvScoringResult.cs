using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Scoring;

/// <summary>What one scoring of CSV logs read, windowed and wrote: every row accounted for.</summary>
/// <param name="Read">The CSV reading: files, rows, rows skipped, timestamp units.</param>
/// <param name="Windowing">The windowing: rows in windows, removed, not covered; segments and gaps.</param>
/// <param name="Windows">Windows scored (one predictions row each).</param>
/// <param name="Unknown">Windows below the threshold.</param>
/// <param name="Segments">Activity segments written, or null when none were asked for.</param>
public sealed record LogCsvScoringResult(CsvReadReport Read, WindowingReport Windowing, long Windows, long Unknown, long? Segments)
{
    /// <summary>Data rows in the logs, the malformed lines skipped included.</summary>
    public long RowsRead => Windowing.RowsRead + Read.RowsSkipped.Values.Sum();

    /// <summary>Rows removed by the time stage (repeats, out-of-order rows) and malformed lines skipped.</summary>
    public long RowsRemoved => Windowing.RowsRemoved.Values.Sum() + Read.RowsSkipped.Values.Sum();
}
