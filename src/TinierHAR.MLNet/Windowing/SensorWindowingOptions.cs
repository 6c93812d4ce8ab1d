using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Options of sensor windowing: which columns hold the channels, labels, groups and time, and how windows are cut.
/// </summary>
public sealed class SensorWindowingOptions
{
    /// <summary>How windows are cut and time is read: the spec a model bundle stores. The window and time properties
    /// below are shorthands that read and replace it.</summary>
    public WindowSpec Window { get; set; } = new();

    /// <summary>Scalar float (or double) channel columns, in channel order; or leave empty and set <see cref="ChannelVectorColumnName"/>.</summary>
    public IReadOnlyList<string> ChannelColumnNames { get; set; } = [];

    /// <summary>One column holding all channels as a known-size float vector.</summary>
    public string? ChannelVectorColumnName { get; set; }

    /// <summary>A factor per channel (in channel order) that each value is multiplied by as it is read, such as a unit
    /// conversion (<see cref="ChannelUnits.Factor"/>); empty for none.</summary>
    public IReadOnlyList<float> ChannelScales { get; set; } = [];

    /// <summary>Shorthand for <see cref="WindowSpec.Length"/> of <see cref="Window"/>.</summary>
    public int WindowLength { get => Window.Length; set => Window = Window with { Length = value }; }

    /// <summary>Shorthand for <see cref="WindowSpec.Seconds"/> of <see cref="Window"/>.</summary>
    public double? WindowSeconds { get => Window.Seconds; set => Window = Window with { Seconds = value }; }

    /// <summary>Shorthand for <see cref="WindowSpec.SamplingRateHz"/> of <see cref="Window"/>.</summary>
    public double? SamplingRateHz { get => Window.SamplingRateHz; set => Window = Window with { SamplingRateHz = value }; }

    /// <summary>The input's sampling rate, for samples without timestamps: when it differs from <see cref="SamplingRateHz"/>,
    /// the samples (taken as evenly spaced at this rate) are resampled to <see cref="SamplingRateHz"/>.</summary>
    public double? InputSamplingRateHz { get; set; }

    /// <summary>Shorthand for <see cref="WindowSpec.Resample"/> of <see cref="Window"/>.</summary>
    public bool Resample { get => Window.Resample; set => Window = Window with { Resample = value }; }

    /// <summary>Shorthand for <see cref="WindowSpec.TimestampUnit"/> of <see cref="Window"/>.</summary>
    public TimestampUnit TimestampUnit { get => Window.TimestampUnit; set => Window = Window with { TimestampUnit = value }; }

    /// <summary>Shorthand for <see cref="WindowSpec.RepeatedTimestamps"/> of <see cref="Window"/>.</summary>
    public RepeatedTimestampPolicy RepeatedTimestamps { get => Window.RepeatedTimestamps; set => Window = Window with { RepeatedTimestamps = value }; }

    /// <summary>Shorthand for <see cref="WindowSpec.OutOfOrderTimestamps"/> of <see cref="Window"/>.</summary>
    public OutOfOrderTimestampPolicy OutOfOrderTimestamps { get => Window.OutOfOrderTimestamps; set => Window = Window with { OutOfOrderTimestamps = value }; }

    /// <summary>Shorthand for <see cref="WindowSpec.Step"/> of <see cref="Window"/>.</summary>
    public int Step { get => Window.Step; set => Window = Window with { Step = value }; }

    /// <summary>Shorthand for <see cref="WindowSpec.Overlap"/> of <see cref="Window"/>.</summary>
    public double? Overlap { get => Window.Overlap; set => Window = Window with { Overlap = value }; }

    /// <summary>Label column of the samples (key, text or integer), or null for unlabelled data.</summary>
    public string? LabelColumnName { get; set; }

    /// <summary>Shorthand for <see cref="WindowSpec.LabelPolicy"/> of <see cref="Window"/>.</summary>
    public WindowLabelPolicy LabelPolicy { get => Window.LabelPolicy; set => Window = Window with { LabelPolicy = value }; }

    /// <summary>Shorthand for <see cref="WindowSpec.DropLabels"/> of <see cref="Window"/>.</summary>
    public IReadOnlyList<string> DropLabels { get => Window.DropLabels; set => Window = Window with { DropLabels = value }; }

    /// <summary>Columns whose change starts a new segment (subject, session, recording); copied to the windows.</summary>
    public IReadOnlyList<string> GroupColumnNames { get; set; } = [];

    /// <summary>Timestamp column (a number, in <see cref="TimestampUnit"/>), or null: the samples are then evenly spaced.</summary>
    public string? TimestampColumnName { get; set; }

    /// <summary>Shorthand for <see cref="WindowSpec.GapToleranceSeconds"/> of <see cref="Window"/>.</summary>
    public double? GapToleranceSeconds { get => Window.GapToleranceSeconds; set => Window = Window with { GapToleranceSeconds = value }; }

    /// <summary>Shorthand for <see cref="WindowSpec.IncompleteTail"/> of <see cref="Window"/>.</summary>
    public IncompleteTailPolicy IncompleteTail { get => Window.IncompleteTail; set => Window = Window with { IncompleteTail = value }; }

    /// <summary>Shorthand for <see cref="WindowSpec.InvalidValues"/> of <see cref="Window"/>.</summary>
    public InvalidValuePolicy InvalidValues { get => Window.InvalidValues; set => Window = Window with { InvalidValues = value }; }

    /// <summary>Name of the output window column, <c>Vector&lt;Single, T, C&gt;</c>.</summary>
    public string OutputColumnName { get; set; } = "Features";

    /// <summary>Window length in samples (<see cref="WindowSpec.ResolvedLength"/>).</summary>
    public int ResolvedWindowLength => Window.ResolvedLength;

    /// <summary>Step in samples (<see cref="WindowSpec.ResolvedStep"/>).</summary>
    public int ResolvedStep => Window.ResolvedStep;

    /// <summary>Checks the options, naming the offending one.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Window, nameof(Window));
        Window.Validate();
        OptionRules.Require(ChannelColumnNames.Count > 0 ^ ChannelVectorColumnName is not null, nameof(ChannelColumnNames),
            "give either channel columns or one channel vector column.");
        OptionRules.Require(ChannelScales.Count == 0 || ChannelScales.Count == Math.Max(ChannelColumnNames.Count, 1) && ChannelScales.All(float.IsFinite), nameof(ChannelScales),
            "give one finite factor per channel, or none.");
        OptionRules.Require(InputSamplingRateHz is null || InputSamplingRateHz > 0 && SamplingRateHz is not null, nameof(InputSamplingRateHz),
            "resampling needs a positive input rate and the target SamplingRateHz.");
        OptionRules.Require(DropLabels.Count == 0 || LabelColumnName is not null, nameof(DropLabels), "labels can only be dropped when a label column is given.");
    }
}
