using System.Globalization;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Cli;

/// <summary>What the tool says about a log's time and rows after windowing it: units decided, rates found, every row accounted for.</summary>
internal static class TimingSummary
{
    public static IEnumerable<string> Lines(CsvReadReport? read, WindowingReport windows)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (read is not null)
        {
            foreach (var unit in read.TimestampSummary())
                yield return $"time unit:        {unit}";
        }
        var rates = windows.Recordings.Select(r => r.RateHz).Where(double.IsFinite).Order().ToArray();
        if (rates.Length > 0)
        {
            yield return string.Create(invariant,
                $"recordings:       {windows.Recordings.Count:N0}, rate from the timestamps {rates[rates.Length / 2]:0.##} Hz (lowest {rates[0]:0.##}, highest {rates[^1]:0.##}){(windows.Resampled ? ", resampled to the model's rate" : "")}");
            yield return string.Create(invariant,
                $"timestamps:       {windows.Recordings.Sum(r => r.RepeatedTimestamps):N0} repeated, {windows.Recordings.Sum(r => r.OutOfOrderTimestamps):N0} out of order, {windows.Gaps:N0} gaps");
        }
        var skipped = read?.RowsSkipped.Values.Sum() ?? 0;
        var total = windows.RowsRead + skipped;
        yield return string.Create(invariant, $"rows read:        {total:N0}");
        yield return string.Create(invariant, $"rows in windows:  {windows.RowsInWindows:N0} ({100.0 * windows.RowsInWindows / Math.Max(1, total):0.0} %)");
        yield return string.Create(invariant,
            $"rows not covered: {windows.RowsNotCovered:N0} ({windows.RowsInShortSegments:N0} in {Segments(windows.SegmentsShorterThanWindow)} shorter than a window, {windows.RowsInTails:N0} in the tails of {Segments(windows.Segments)}, {windows.RowsNotCovered - windows.RowsInShortSegments - windows.RowsInTails:N0} in windows dropped by label)");
        var removed = windows.RowsRemoved.Select(p => $"{p.Key}: {p.Value:N0}")
            .Concat(read?.RowsSkipped.Select(p => $"malformed lines ({p.Key}): {p.Value:N0}") ?? []).ToList();
        yield return string.Create(invariant, $"rows removed:     {windows.RowsRemoved.Values.Sum() + skipped:N0}{(removed.Count > 0 ? $" ({string.Join(", ", removed)})" : "")}");
        yield return string.Create(invariant, $"values filled:    {windows.ValuesInterpolated:N0} (missing or non-finite channel values, interpolated from their neighbours)");
    }

    private static string Segments(long count) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} segment{(count == 1 ? "" : "s")}");
}
