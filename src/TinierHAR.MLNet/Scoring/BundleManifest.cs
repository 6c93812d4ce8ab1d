using System.Text.Json.Serialization;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Scoring;

/// <summary>What a model bundle records besides the ML.NET model: how to cut and read a raw sensor log.</summary>
public sealed record BundleManifest
{
    /// <summary>Version of the bundle layout.</summary>
    public int FormatVersion { get; init; } = HarModelBundle.CurrentFormatVersion;

    /// <summary>How the training windows were cut and their time read: length, step, rate, label rule, dropped labels,
    /// gap and time handling. Scoring cuts a raw log the same way.</summary>
    public required WindowSpec Window { get; init; }

    /// <summary>Window length T in samples (<see cref="WindowSpec.ResolvedLength"/>).</summary>
    [JsonIgnore]
    public int WindowLength => Window.ResolvedLength;

    /// <summary>Step between window starts in samples (<see cref="WindowSpec.ResolvedStep"/>).</summary>
    [JsonIgnore]
    public int WindowStep => Window.ResolvedStep;

    /// <summary>Sampling rate in Hz the model was trained at, when known.</summary>
    [JsonIgnore]
    public double? SamplingRateHz => Window.SamplingRateHz;


    /// <summary>Channel columns, in the order the model reads them.</summary>
    public required IReadOnlyList<string> ChannelNames { get; init; }

    /// <summary>Units of the channels (e.g. "g", "rad/s"), when known.</summary>
    public IReadOnlyList<string>? ChannelUnits { get; init; }


    /// <summary>Class names in key order.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Columns that separate recordings (subject, session), copied to the predictions.</summary>
    public IReadOnlyList<string> GroupColumnNames { get; init; } = [];

    /// <summary>
    /// The logs' own subject column in training (such as <c>Person Nr.</c>), when one was read: scoring reads it as the
    /// subject when no other column is named and the log has it, so that subjects are never merged into one recording.
    /// </summary>
    public string? SubjectColumnName { get; init; }

    /// <summary>Timestamp column (seconds), when the logs have one.</summary>
    public string? TimestampColumnName { get; init; }


    /// <summary>Per-channel normalisation inside the model, for reference.</summary>
    public float[]? NormalizationMean { get; init; }

    /// <summary>Per-channel normalisation scale inside the model, for reference.</summary>
    public float[]? NormalizationScale { get; init; }

    /// <summary>
    /// The manifest of a model trained on windows cut by <paramref name="windowing"/>: its window spec, channels, group
    /// and timestamp columns, with the model's classes, the channels' units and the normalisation fitted inside it.
    /// </summary>
    /// <param name="windowing">The windowing the training windows were cut with.</param>
    /// <param name="classNames">The model's classes in key order (<see cref="Evaluation.HarMetrics.ClassNames"/>, or the label's key values).</param>
    /// <param name="channelUnits">The channels' units, when known: a log in other units is then converted, not refused.</param>
    /// <param name="normalization">The per-channel normalisation inside the model, recorded for reference.</param>
    public static BundleManifest Create(SensorWindowingOptions windowing, IReadOnlyList<string> classNames, IReadOnlyList<string>? channelUnits = null,
        ChannelNormalization? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(windowing);
        ArgumentNullException.ThrowIfNull(classNames);
        return new BundleManifest
        {
            Window = windowing.Window,
            ChannelNames = windowing.ChannelColumnNames,
            ChannelUnits = channelUnits,
            ClassNames = classNames,
            GroupColumnNames = windowing.GroupColumnNames,
            TimestampColumnName = windowing.TimestampColumnName,
            NormalizationMean = normalization?.Mean,
            NormalizationScale = normalization?.Scale,
        };
    }
}
