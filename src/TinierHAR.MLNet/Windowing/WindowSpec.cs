using System.Text.Json;
using System.Text.Json.Serialization;
using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// How windows are cut from a recording and how its time is read: length, step, rate, label rule, dropped labels, gap
/// and the time handling. It is the one description of a window that the tool builds, the windowing and the trainer
/// use (<see cref="SensorWindowingOptions.Window"/>), the model bundle stores (<see cref="Scoring.BundleManifest.Window"/>)
/// and scoring reads; which columns hold the channels, labels, groups and time is the windowing's business, not the spec's.
/// </summary>
/// <remarks>Immutable: change a copy with <c>with</c>. <see cref="ToJson"/> and <see cref="FromJson"/> are its one serialiser.</remarks>
public sealed record WindowSpec
{
    /// <summary>The serialiser settings of the spec, shared by the model bundle's manifest: indented, enums by name.</summary>
    internal static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>Window length T in samples; or 0 with <see cref="Seconds"/> and <see cref="SamplingRateHz"/>.</summary>
    public int Length { get; init; }

    /// <summary>Window length in seconds (with <see cref="SamplingRateHz"/>), used when <see cref="Length"/> is 0.</summary>
    public double? Seconds { get; init; }

    /// <summary>Samples between window starts; 0 means T/2 (the paper's 50 % overlap) unless <see cref="Overlap"/> is set.</summary>
    public int Step { get; init; }

    /// <summary>Overlap as a fraction of T in [0, 1), used when <see cref="Step"/> is 0.</summary>
    public double? Overlap { get; init; }

    /// <summary>Sampling rate of the windows, in Hz: with timestamps, each recording is resampled to it (see <see cref="Resample"/>).</summary>
    public double? SamplingRateHz { get; init; }

    /// <summary>How a window's label is chosen from its samples' labels.</summary>
    public WindowLabelPolicy LabelPolicy { get; init; } = WindowLabelPolicy.Majority;

    /// <summary>Labels (as text: key values, or numbers) whose windows are dropped after the vote.</summary>
    public IReadOnlyList<string> DropLabels { get; init; } = [];

    /// <summary>What happens to a segment's incomplete tail.</summary>
    public IncompleteTailPolicy IncompleteTail { get; init; } = IncompleteTailPolicy.Drop;

    /// <summary>An interval between consecutive timestamps longer than this many seconds is a gap: it ends a segment, and
    /// no window spans it. Default: 5 sampling intervals, of the recording's own median interval or of
    /// <see cref="SamplingRateHz"/>, whichever is longer.</summary>
    public double? GapToleranceSeconds { get; init; }

    /// <summary>
    /// What the timestamps count. <see cref="TimestampUnit.Auto"/>: the unit a loader decided per file (the CSV reader
    /// marks its time column as seconds), else decided per recording from its first samples (the rate nearest
    /// <see cref="SamplingRateHz"/>); <see cref="WindowingReport.Recordings"/> says which.
    /// </summary>
    public TimestampUnit TimestampUnit { get; init; } = TimestampUnit.Auto;

    /// <summary>Consecutive samples of a recording with the same timestamp: merged into their mean (default), dropped, or an error.</summary>
    public RepeatedTimestampPolicy RepeatedTimestamps { get; init; } = RepeatedTimestampPolicy.Mean;

    /// <summary>Samples earlier than their predecessor: dropped (default; a jump back beyond the gap tolerance starts a new segment) or an error.</summary>
    public OutOfOrderTimestampPolicy OutOfOrderTimestamps { get; init; } = OutOfOrderTimestampPolicy.Drop;

    /// <summary>Missing (NaN) or infinite channel values: an error (default) or linear interpolation within the recording.</summary>
    public InvalidValuePolicy InvalidValues { get; init; } = InvalidValuePolicy.Error;

    /// <summary>
    /// Put each recording on a uniform grid at <see cref="SamplingRateHz"/> before windowing (default), so that jitter
    /// costs nothing; when false, a recording whose median interval implies a rate more than 10 % away from
    /// <see cref="SamplingRateHz"/> is refused with a message.
    /// </summary>
    public bool Resample { get; init; } = true;

    /// <summary>Window length in samples, from <see cref="Length"/> or seconds × rate.</summary>
    [JsonIgnore]
    public int ResolvedLength => Length > 0
        ? Length
        : Seconds is { } seconds && SamplingRateHz is { } rate ? (int)Math.Round(seconds * rate) : 0;

    /// <summary>Step in samples, from <see cref="Step"/>, <see cref="Overlap"/> or half the window.</summary>
    [JsonIgnore]
    public int ResolvedStep => Step > 0
        ? Step
        : Overlap is { } overlap ? Math.Max(1, (int)Math.Round(ResolvedLength * (1 - overlap))) : Math.Max(1, ResolvedLength / 2);

    /// <summary>Checks the spec, naming the offending setting and the rule it breaks.</summary>
    public void Validate()
    {
        OptionRules.Require(ResolvedLength >= 1, Option(nameof(Length)), "set a window length in samples, or seconds and a sampling rate.");
        OptionRules.Require(Step >= 0, Option(nameof(Step)), $"the step must not be negative (got {Step}).");
        OptionRules.Require(Overlap is null || Overlap is >= 0 and < 1, Option(nameof(Overlap)), $"the overlap must lie in [0, 1) (got {Overlap}).");
        OptionRules.Require(SamplingRateHz is null || SamplingRateHz > 0, Option(nameof(SamplingRateHz)), "the sampling rate must be positive.");
        OptionRules.Require(TimestampUnit != TimestampUnit.DateTime, Option(nameof(TimestampUnit)),
            "windowing reads numeric timestamps; date-time text is read by the loader (CsvSampleOptions.TimestampUnit), which gives seconds.");
        OptionRules.Require(GapToleranceSeconds is null || GapToleranceSeconds > 0, Option(nameof(GapToleranceSeconds)), "the gap tolerance must be positive.");
    }

    // Options that hold a spec (the windowing's, the bundle's, a log scoring's) all name it Window.
    private static string Option(string setting) => $"Window.{setting}";

    /// <summary>The spec as JSON (enums by name), as the model bundle stores it.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The spec that <see cref="ToJson"/> wrote; settings it does not name keep their defaults.</summary>
    public static WindowSpec FromJson(string json) => JsonSerializer.Deserialize<WindowSpec>(json, Json)
        ?? throw new JsonException("The window spec is empty.");

    /// <inheritdoc />
    public bool Equals(WindowSpec? other) => other is not null
        && (Length, Seconds, Step, Overlap, SamplingRateHz, LabelPolicy, IncompleteTail, GapToleranceSeconds)
            == (other.Length, other.Seconds, other.Step, other.Overlap, other.SamplingRateHz, other.LabelPolicy, other.IncompleteTail, other.GapToleranceSeconds)
        && (TimestampUnit, RepeatedTimestamps, OutOfOrderTimestamps, InvalidValues, Resample)
            == (other.TimestampUnit, other.RepeatedTimestamps, other.OutOfOrderTimestamps, other.InvalidValues, other.Resample)
        && DropLabels.SequenceEqual(other.DropLabels, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ResolvedLength, ResolvedStep, SamplingRateHz, LabelPolicy, TimestampUnit, DropLabels.Count);
}
