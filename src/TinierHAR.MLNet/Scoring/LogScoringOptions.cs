using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// How <see cref="HarModelBundle.ScoreLog"/> and <see cref="HarModelBundle.ScoreLogBatched"/> read a raw log. The
/// window spec is the bundle's (<see cref="BundleManifest.Window"/>), unless <see cref="Window"/> gives it with changes.
/// </summary>
public sealed class LogScoringOptions
{
    /// <summary>The log's sampling rate, for a log without timestamps; one with timestamps shows its own rate.</summary>
    public double? SamplingRateHz { get; set; }

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

    /// <summary>
    /// How to cut the log and read its time; null for the bundle's <see cref="BundleManifest.Window"/> as stored. Give
    /// the bundle's spec with changes (<c>bundle.Manifest.Window with { Step = 32 }</c>): the step, label rule, gap and
    /// time handling may change; the window length and rate are the model's.
    /// </summary>
    public WindowSpec? Window { get; set; }

    /// <summary>A label column of the log: each window then carries its label (by the bundle's rule) under the same name, for evaluation.</summary>
    public string? LabelColumnName { get; set; }
}
