using System.Collections.ObjectModel;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// What one pass of windowing did. Rows read = rows in windows + rows not covered + rows removed: every input row is
/// accounted for.
/// </summary>
public sealed record WindowingReport
{
    /// <summary>Sample rows read.</summary>
    public long RowsRead { get; init; }

    /// <summary>Rows removed before windowing (repeated or out-of-order timestamps, under the policies that drop them), by reason.</summary>
    public IReadOnlyDictionary<string, long> RowsRemoved { get; init; } = ReadOnlyDictionary<string, long>.Empty;

    /// <summary>Rows in at least one kept window, counted as the windows are made.</summary>
    public long RowsInWindows { get; init; }

    /// <summary>Windows produced (kept).</summary>
    public long WindowsProduced { get; init; }

    /// <summary>Windows dropped because their label is in the drop list.</summary>
    public long WindowsDroppedByLabel { get; init; }

    /// <summary>Rows in no kept window (incomplete tails, short segments, dropped windows, steps longer than T).</summary>
    public long RowsNotCovered { get; init; }

    /// <summary>Of <see cref="RowsNotCovered"/>: rows of segments shorter than one window.</summary>
    public long RowsInShortSegments { get; init; }

    /// <summary>Of <see cref="RowsNotCovered"/>: rows after a segment's last window (incomplete tails).</summary>
    public long RowsInTails { get; init; }

    /// <summary>Segments (group runs split at timestamp gaps) read.</summary>
    public long Segments { get; init; }

    /// <summary>Segments shorter than one window: skipped and counted here.</summary>
    public long SegmentsShorterThanWindow { get; init; }

    /// <summary>Segment breaks caused by timestamp gaps larger than the tolerance.</summary>
    public long Gaps { get; init; }

    /// <summary>Channel values filled by interpolation (<see cref="InvalidValuePolicy.Interpolate"/>).</summary>
    public long ValuesInterpolated { get; init; }

    /// <summary>Whether the samples were resampled onto a uniform grid at the windows' rate.</summary>
    public bool Resampled { get; init; }

    /// <summary>Each recording's timing (unit, median interval and rate, repeats, out-of-order samples, gaps), when the
    /// samples have timestamps or are resampled.</summary>
    public IReadOnlyList<RecordingTiming> Recordings { get; init; } = [];

    /// <summary>One line for logs.</summary>
    public override string ToString() =>
        $"{RowsRead} rows read, {RowsInWindows} in windows, {RowsNotCovered} not covered ({RowsInShortSegments} in segments shorter than a window, {RowsInTails} in tails)"
        + (RowsRemoved.Count > 0 ? $", {string.Join(", ", RowsRemoved.Select(p => $"{p.Value} removed for {p.Key}"))}" : "")
        + $"; {Counted(WindowsProduced, "window")} produced, {WindowsDroppedByLabel} dropped by label; "
        + $"{Counted(Segments, "segment")} ({SegmentsShorterThanWindow} shorter than a window, {Counted(Gaps, "timestamp gap")})"
        + (ValuesInterpolated > 0 ? $", {Counted(ValuesInterpolated, "value")} interpolated" : "");

    private static string Counted(long count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
