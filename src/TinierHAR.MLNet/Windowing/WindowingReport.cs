namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// What one pass of windowing did. Rows read = rows covered by at least one kept window + rows not covered.
/// </summary>
public sealed record WindowingReport
{
    /// <summary>Sample rows read.</summary>
    public long RowsRead { get; init; }

    /// <summary>Windows produced (kept).</summary>
    public long WindowsProduced { get; init; }

    /// <summary>Windows dropped because their label is in the drop list.</summary>
    public long WindowsDroppedByLabel { get; init; }

    /// <summary>Rows in no kept window (incomplete tails, short segments, dropped windows, steps longer than T).</summary>
    public long RowsNotCovered { get; init; }

    /// <summary>Segments (group runs split at timestamp gaps) read.</summary>
    public long Segments { get; init; }

    /// <summary>Segments shorter than one window: skipped and counted here.</summary>
    public long SegmentsShorterThanWindow { get; init; }

    /// <summary>Segment breaks caused by timestamp gaps larger than the tolerance.</summary>
    public long Gaps { get; init; }

    /// <summary>Channel values filled by interpolation (<see cref="InvalidValuePolicy.Interpolate"/>).</summary>
    public long ValuesInterpolated { get; init; }

    /// <summary>One line for logs.</summary>
    public override string ToString() =>
        $"{RowsRead} rows read, {WindowsProduced} windows produced, {WindowsDroppedByLabel} dropped by label, {RowsNotCovered} rows not covered, "
        + $"{Segments} segments ({SegmentsShorterThanWindow} shorter than a window, {Gaps} timestamp gaps)"
        + (ValuesInterpolated > 0 ? $", {ValuesInterpolated} values interpolated" : "");
}
