namespace TinierHAR.MLNet.Data;

/// <summary>
/// Settings of <see cref="SyntheticImuGenerator"/>. The physical settings are documented where they are used: gravity
/// 1 g; step cadence 1.6–2.0 Hz per subject (×0.85 upstairs, ×1.08 downstairs); vertical step force 0.15–0.35 g;
/// sensor orientation spread 10° per axis per subject; accelerometer noise 0.01–0.03 g; gyroscope noise 0.01–0.04
/// rad/s and a slowly drifting gyroscope bias (random walk, 0.002 rad/s per √s). The device faults (jitter, dropped
/// samples, repeated timestamps, a second rate) come from a random stream of their own, so a faulty log holds the clean
/// log's samples and tests know the truth.
/// </summary>
public sealed class SyntheticImuOptions
{
    /// <summary>Subjects recorded.</summary>
    public int Subjects { get; set; } = 10;

    /// <summary>Sampling rate in Hz.</summary>
    public double SamplingRateHz { get; set; } = 50;

    /// <summary>Bouts of activity per subject (each activity appears, then more at random).</summary>
    public int BoutsPerSubject { get; set; } = 12;

    /// <summary>Shortest bout in seconds.</summary>
    public double MinBoutSeconds { get; set; } = 20;

    /// <summary>Longest bout in seconds.</summary>
    public double MaxBoutSeconds { get; set; } = 45;

    /// <summary>Seconds of blending between two bouts (posture change or gait start/stop).</summary>
    public double TransitionSeconds { get; set; } = 1.5;

    /// <summary>Seed: the same seed gives the same samples.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Timestamp jitter: each timestamp moves off its tick by a uniform amount within ± this many seconds (the
    /// values stay the tick's, as when a device stamps events late); below half an interval.</summary>
    public double TimestampJitterSeconds { get; set; }

    /// <summary>Fraction of samples the device drops (never written).</summary>
    public double DroppedSampleFraction { get; set; }

    /// <summary>Fraction of samples stamped with the previous sample's timestamp (a coarse clock).</summary>
    public double RepeatedTimestampFraction { get; set; }

    /// <summary>A second sampling rate: every other subject (the 2nd, 4th, …) is recorded at it.</summary>
    public double? SecondSamplingRateHz { get; set; }

    /// <summary>How <see cref="SyntheticImuCsv"/> writes the Time column: seconds (default), ms, µs, ns or ISO 8601 date-times.</summary>
    public TimestampUnit TimeUnit { get; set; } = TimestampUnit.Seconds;

    /// <summary>The clock's origin in the CSV: null counts from each subject's start (date-times then start at the
    /// Unix epoch); a date counts since the Unix epoch with the recordings starting at it.</summary>
    public DateTimeOffset? ClockStart { get; set; }
}
