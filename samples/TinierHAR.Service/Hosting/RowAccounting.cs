namespace TinierHAR.Service.Hosting;

/// <summary>The row accounting of a log.</summary>
public sealed record RowAccounting(long Read, long InWindows, long NotCovered, long Removed, IReadOnlyDictionary<string, long> RemovedBy, long ValuesFilled, long Gaps);
