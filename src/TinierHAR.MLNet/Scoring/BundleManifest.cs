using System.Text.Json.Serialization;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Scoring;

/// <summary>What a model bundle records besides the ML.NET model: how to cut and read a raw sensor log.</summary>
public sealed record BundleManifest
{
    /// <summary>Version of the bundle layout.</summary>
    public int FormatVersion { get; init; } = HarModelBundle.CurrentFormatVersion;

    /// <summary>Window length T in samples.</summary>
    public required int WindowLength { get; init; }

    /// <summary>Step between window starts in samples.</summary>
    public required int WindowStep { get; init; }

    /// <summary>How a window's label was chosen from its samples' labels in training (for evaluation).</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<WindowLabelPolicy>))]
    public WindowLabelPolicy LabelPolicy { get; init; } = WindowLabelPolicy.Majority;

    /// <summary>Channel columns, in the order the model reads them.</summary>
    public required IReadOnlyList<string> ChannelNames { get; init; }

    /// <summary>Units of the channels (e.g. "g", "rad/s"), when known.</summary>
    public IReadOnlyList<string>? ChannelUnits { get; init; }

    /// <summary>Sampling rate in Hz the model was trained at, when known.</summary>
    public double? SamplingRateHz { get; init; }

    /// <summary>Class names in key order.</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Columns that separate recordings (subject, session), copied to the predictions.</summary>
    public IReadOnlyList<string> GroupColumnNames { get; init; } = [];

    /// <summary>Timestamp column (seconds), when the logs have one.</summary>
    public string? TimestampColumnName { get; init; }

    /// <summary>Timestamp gap, in seconds, that starts a new segment.</summary>
    public double? GapToleranceSeconds { get; init; }

    /// <summary>Per-channel normalisation inside the model, for reference.</summary>
    public float[]? NormalizationMean { get; init; }

    /// <summary>Per-channel normalisation scale inside the model, for reference.</summary>
    public float[]? NormalizationScale { get; init; }

    /// <summary>
    /// The manifest of a model trained on windows cut by <paramref name="windowing"/>: its window length and step,
    /// channels, rate, label rule, group and timestamp columns and gap, with the model's classes, the channels' units
    /// and the normalisation fitted inside it.
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
            WindowLength = windowing.ResolvedWindowLength,
            WindowStep = windowing.ResolvedStep,
            ChannelNames = windowing.ChannelColumnNames,
            ChannelUnits = channelUnits,
            SamplingRateHz = windowing.SamplingRateHz,
            ClassNames = classNames,
            GroupColumnNames = windowing.GroupColumnNames,
            TimestampColumnName = windowing.TimestampColumnName,
            GapToleranceSeconds = windowing.GapToleranceSeconds,
            LabelPolicy = windowing.LabelPolicy,
            NormalizationMean = normalization?.Mean,
            NormalizationScale = normalization?.Scale,
        };
    }
}
