using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// How <see cref="HarModelBundle.ScoreLog"/> and <see cref="HarModelBundle.ScoreLogBatched"/> read a raw log. The
/// window length, step and rate are the bundle's; time is handled as <see cref="SensorWindowingOptions"/> handles it.
/// </summary>
public sealed class LogScoringOptions
{
    /// <summary>The log's sampling rate, for a log without timestamps; one with timestamps shows its own rate.</summary>
    public double? SamplingRateHz { get; set; }

    /// <summary>Put the log on a uniform grid at the bundle's rate (default); when false, a log at another rate is refused.</summary>
    public bool Resample { get; set; } = true;

    /// <summary>The log's column for each model channel whose name it does not share (model channel → log column).</summary>
    public IReadOnlyDictionary<string, string> ChannelColumns { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// The units of the log's channels, in the model's channel order (such as "m/s^2" or "deg/s"), when they may differ
    /// from the model's: each channel is converted to the bundle's unit (<see cref="BundleManifest.ChannelUnits"/>), or
    /// the log is refused when the bundle does not record its units or a unit cannot be converted.
    /// </summary>
    public IReadOnlyList<string>? ChannelUnits { get; set; }

    /// <summary>Columns of the log that start a new window sequence; by default the bundle's that the log has.</summary>
    public IReadOnlyList<string>? GroupColumnNames { get; set; }

    /// <summary>The log's timestamp column; by default the bundle's, where the log has it.</summary>
    public string? TimestampColumnName { get; set; }

    /// <summary>What the timestamps count (<see cref="SensorWindowingOptions.TimestampUnit"/>).</summary>
    public TimestampUnit TimestampUnit { get; set; } = TimestampUnit.Auto;

    /// <summary>Repeated timestamps (<see cref="SensorWindowingOptions.RepeatedTimestamps"/>).</summary>
    public RepeatedTimestampPolicy RepeatedTimestamps { get; set; } = RepeatedTimestampPolicy.Mean;

    /// <summary>Out-of-order timestamps (<see cref="SensorWindowingOptions.OutOfOrderTimestamps"/>).</summary>
    public OutOfOrderTimestampPolicy OutOfOrderTimestamps { get; set; } = OutOfOrderTimestampPolicy.Drop;

    /// <summary>The gap that splits a recording, in seconds; by default the bundle's, else 5 sampling intervals.</summary>
    public double? GapToleranceSeconds { get; set; }

    /// <summary>Missing or non-finite channel values (<see cref="SensorWindowingOptions.InvalidValues"/>).</summary>
    public InvalidValuePolicy InvalidValues { get; set; } = InvalidValuePolicy.Error;

    /// <summary>Samples between window starts; null for the bundle's step (the window length is always the model's).</summary>
    public int? WindowStep { get; set; }

    /// <summary>How a window's label is chosen (with <see cref="LabelColumnName"/>); null for the bundle's rule.</summary>
    public WindowLabelPolicy? LabelPolicy { get; set; }

    /// <summary>A label column of the log: each window then carries its label (by the bundle's rule) under the same name, for evaluation.</summary>
    public string? LabelColumnName { get; set; }
}
