using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Inspection;

/// <summary>What one recording holds: its timing, its non-finite values and its labels.</summary>
public sealed record RecordingInspection
{
    /// <summary>Rows, duration, time unit, intervals and rate, repeated and out-of-order timestamps, gaps.</summary>
    public required RecordingTiming Timing { get; init; }

    /// <summary>Channel values that are NaN, infinite or empty.</summary>
    public required long NonFiniteValues { get; init; }

    /// <summary>Rows per label, in order of first appearance.</summary>
    public required IReadOnlyDictionary<string, long> Labels { get; init; }
}
