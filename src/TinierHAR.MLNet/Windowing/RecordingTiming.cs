using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>How one recording (one run of group values) was sampled, from its timestamps.</summary>
public sealed record RecordingTiming
{
    /// <summary>The recording's group values, joined by '/'.</summary>
    public required string Recording { get; init; }

    /// <summary>Sample rows read.</summary>
    public required long Rows { get; init; }

    /// <summary>The unit its timestamps were read in.</summary>
    public required TimestampDecision Unit { get; init; }

    /// <summary>The time its samples cover, in seconds: from first to last, gaps and clock resets left out.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Median of the positive intervals between consecutive samples, in seconds (NaN with fewer than two samples).</summary>
    public required double MedianIntervalSeconds { get; init; }

    /// <summary>99th percentile of the positive intervals, in seconds.</summary>
    public required double P99IntervalSeconds { get; init; }

    /// <summary>Mean of the intervals between half and one and a half times the median, in seconds: what a clock that
    /// ticks in whole milliseconds averages to (Daphnet's 15 and 16 ms give 15.625 ms), gaps and stalls left out.</summary>
    public required double RegularIntervalSeconds { get; init; }

    /// <summary>The sampling rate, from <see cref="RegularIntervalSeconds"/>, in Hz.</summary>
    public double RateHz => 1 / RegularIntervalSeconds;

    /// <summary>Samples that repeat the previous sample's timestamp.</summary>
    public required long RepeatedTimestamps { get; init; }

    /// <summary>Samples earlier than the previous one.</summary>
    public required long OutOfOrderTimestamps { get; init; }

    /// <summary>Intervals longer than the gap tolerance (each splits the recording).</summary>
    public required long Gaps { get; init; }
}
