using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Options of sensor windowing: which columns hold the channels, labels, groups and time, and how windows are cut.
/// </summary>
public sealed class SensorWindowingOptions
{
    /// <summary>Scalar float (or double) channel columns, in channel order; or leave empty and set <see cref="ChannelVectorColumnName"/>.</summary>
    public IReadOnlyList<string> ChannelColumnNames { get; set; } = [];

    /// <summary>One column holding all channels as a known-size float vector.</summary>
    public string? ChannelVectorColumnName { get; set; }

    /// <summary>A factor per channel (in channel order) that each value is multiplied by as it is read, such as a unit
    /// conversion (<see cref="ChannelUnits.Factor"/>); empty for none.</summary>
    public IReadOnlyList<float> ChannelScales { get; set; } = [];

    /// <summary>Window length T in samples; or leave 0 and set <see cref="WindowSeconds"/> and <see cref="SamplingRateHz"/>.</summary>
    public int WindowLength { get; set; }

    /// <summary>Window length in seconds (with <see cref="SamplingRateHz"/>).</summary>
    public double? WindowSeconds { get; set; }

    /// <summary>Sampling rate of the windows, in Hz: with a timestamp column, each recording is resampled to it (see
    /// <see cref="Resample"/>).</summary>
    public double? SamplingRateHz { get; set; }

    /// <summary>The input's sampling rate, for samples without timestamps: when it differs from <see cref="SamplingRateHz"/>,
    /// the samples (taken as evenly spaced at this rate) are resampled to <see cref="SamplingRateHz"/>.</summary>
    public double? InputSamplingRateHz { get; set; }

    /// <summary>
    /// Put each recording on a uniform grid at <see cref="SamplingRateHz"/> before windowing (default): from its
    /// timestamps, so that jitter costs nothing, or from <see cref="InputSamplingRateHz"/> without them. Channels are
    /// interpolated linearly between the samples around each grid point; the label (and every other column) is the
    /// sample's at or before it. When false, a recording whose median interval implies a rate more than 10 % away from
    /// <see cref="SamplingRateHz"/> is refused with a message.
    /// </summary>
    public bool Resample { get; set; } = true;

    /// <summary>What the timestamp column's numbers count; <see cref="TimestampUnit.Auto"/> decides per recording from
    /// its first 33 samples (the rate nearest <see cref="SamplingRateHz"/>) and <see cref="WindowingReport.Recordings"/>
    /// says what it decided. Date-time text is read by the loader (<see cref="CsvSampleOptions.TimestampUnit"/>).</summary>
    public TimestampUnit TimestampUnit { get; set; } = TimestampUnit.Auto;

    /// <summary>Consecutive samples of a recording with the same timestamp: merged into their mean (default), dropped, or an error.</summary>
    public RepeatedTimestampPolicy RepeatedTimestamps { get; set; } = RepeatedTimestampPolicy.Mean;

    /// <summary>Samples earlier than their predecessor: dropped (default; a jump back beyond the gap tolerance starts a new segment) or an error.</summary>
    public OutOfOrderTimestampPolicy OutOfOrderTimestamps { get; set; } = OutOfOrderTimestampPolicy.Drop;

    /// <summary>Samples between window starts; 0 means T/2 (the paper's 50 % overlap) unless <see cref="Overlap"/> is set.</summary>
    public int Step { get; set; }

    /// <summary>Overlap as a fraction of T in [0, 1), used when <see cref="Step"/> is 0.</summary>
    public double? Overlap { get; set; }

    /// <summary>Label column of the samples (key, text or integer), or null for unlabelled data.</summary>
    public string? LabelColumnName { get; set; }

    /// <summary>How the window label is chosen.</summary>
    public WindowLabelPolicy LabelPolicy { get; set; } = WindowLabelPolicy.Majority;

    /// <summary>Labels (as text: key values, or numbers) whose windows are dropped after the vote.</summary>
    public IReadOnlyList<string> DropLabels { get; set; } = [];

    /// <summary>Columns whose change starts a new segment (subject, session, recording); copied to the windows.</summary>
    public IReadOnlyList<string> GroupColumnNames { get; set; } = [];

    /// <summary>Timestamp column (a number, in <see cref="TimestampUnit"/>), or null: the samples are then evenly spaced.</summary>
    public string? TimestampColumnName { get; set; }

    /// <summary>An interval between consecutive timestamps longer than this many seconds is a gap: it ends a segment, and
    /// no window spans it. Default: 5 sampling intervals, of the recording's own median interval or of
    /// <see cref="SamplingRateHz"/>, whichever is longer.</summary>
    public double? GapToleranceSeconds { get; set; }

    /// <summary>What happens to a segment's incomplete tail.</summary>
    public IncompleteTailPolicy IncompleteTail { get; set; } = IncompleteTailPolicy.Drop;

    /// <summary>What happens to NaN or infinite channel values: an error (default) or linear interpolation.</summary>
    public InvalidValuePolicy InvalidValues { get; set; } = InvalidValuePolicy.Error;

    /// <summary>Name of the output window column, <c>Vector&lt;Single, T, C&gt;</c>.</summary>
    public string OutputColumnName { get; set; } = "Features";

    /// <summary>Window length in samples, from <see cref="WindowLength"/> or seconds × rate.</summary>
    public int ResolvedWindowLength => WindowLength > 0
        ? WindowLength
        : WindowSeconds is { } seconds && SamplingRateHz is { } rate ? (int)Math.Round(seconds * rate) : 0;

    /// <summary>Step in samples, from <see cref="Step"/>, <see cref="Overlap"/> or half the window.</summary>
    public int ResolvedStep => Step > 0
        ? Step
        : Overlap is { } overlap ? Math.Max(1, (int)Math.Round(ResolvedWindowLength * (1 - overlap))) : Math.Max(1, ResolvedWindowLength / 2);

    /// <summary>Checks the options, naming the offending one.</summary>
    public void Validate()
    {
        OptionRules.Require(ChannelColumnNames.Count > 0 ^ ChannelVectorColumnName is not null, nameof(ChannelColumnNames),
            "give either channel columns or one channel vector column.");
        OptionRules.Require(ChannelScales.Count == 0 || ChannelScales.Count == Math.Max(ChannelColumnNames.Count, 1) && ChannelScales.All(float.IsFinite), nameof(ChannelScales),
            "give one finite factor per channel, or none.");
        OptionRules.Require(ResolvedWindowLength >= 1, nameof(WindowLength), "set a window length in samples, or seconds and a sampling rate.");
        OptionRules.Require(Step >= 0, nameof(Step), $"the step must not be negative (got {Step}).");
        OptionRules.Require(Overlap is null || Overlap is >= 0 and < 1, nameof(Overlap), $"the overlap must lie in [0, 1) (got {Overlap}).");
        OptionRules.Require(SamplingRateHz is null || SamplingRateHz > 0, nameof(SamplingRateHz), "the sampling rate must be positive.");
        OptionRules.Require(InputSamplingRateHz is null || InputSamplingRateHz > 0 && SamplingRateHz is not null, nameof(InputSamplingRateHz),
            "resampling needs a positive input rate and the target SamplingRateHz.");
        OptionRules.Require(TimestampUnit != TimestampUnit.DateTime, nameof(TimestampUnit),
            "windowing reads numeric timestamps; date-time text is read by the loader (CsvSampleOptions.TimestampUnit), which gives seconds.");
        OptionRules.Require(GapToleranceSeconds is null || GapToleranceSeconds > 0, nameof(GapToleranceSeconds), "the gap tolerance must be positive.");
        OptionRules.Require(DropLabels.Count == 0 || LabelColumnName is not null, nameof(DropLabels), "labels can only be dropped when a label column is given.");
    }
}
