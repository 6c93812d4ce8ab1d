using System.CommandLine;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Cli;

/// <summary>
/// How a log's samples are read: time unit, resampling, repeats, out-of-order rows, gaps and missing values; shared by
/// <c>train</c>, <c>evaluate</c>, <c>inspect</c> and <c>score</c> as the flags of <see cref="TimeHandlingSettings"/>.
/// </summary>
internal sealed class SampleHandlingOptions
{
    public Option<string> Unit { get; } = new("--time-unit") { Description = "What the timestamps count: auto (decided per file from its first rows, and reported), s, ms, us, ns or datetime (ISO 8601)", DefaultValueFactory = _ => "auto" };
    public Option<bool> NoResample { get; } = new("--no-resample") { Description = "Do not put recordings on a uniform grid at the model's rate; a log at another rate is then refused" };
    public Option<double?> Gap { get; } = new("--gap") { Description = "Seconds between samples that split a recording (default: 5 sampling intervals)" };
    public Option<RepeatedTimestampPolicy> Repeats { get; } = new("--repeats") { Description = "Samples with the previous sample's timestamp: Mean (merged), Drop (counted) or Error", DefaultValueFactory = _ => RepeatedTimestampPolicy.Mean };
    public Option<OutOfOrderTimestampPolicy> OutOfOrder { get; } = new("--out-of-order") { Description = "Samples earlier than the previous one: Drop (counted; a jump back beyond the gap starts a new segment) or Error", DefaultValueFactory = _ => OutOfOrderTimestampPolicy.Drop };

    public Option<InvalidValuePolicy> Missing { get; } = new("--missing") { Description = "Empty or non-finite channel values: Interpolate (in time, within the recording; counted) or Error", DefaultValueFactory = _ => InvalidValuePolicy.Interpolate };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Unit, NoResample, Gap, Repeats, OutOfOrder, Missing })
            command.Options.Add(option);
    }

    /// <summary>The flags' time handling.</summary>
    public TimeHandlingSettings Settings(ParseResult parse) => new()
    {
        TimeUnit = parse.GetValue(Unit)!,
        Resample = !parse.GetValue(NoResample),
        GapSeconds = parse.GetValue(Gap),
        Repeats = parse.GetValue(Repeats),
        OutOfOrder = parse.GetValue(OutOfOrder),
        Missing = parse.GetValue(Missing),
    };

    /// <summary>The unit the CSV loader reads the timestamps in; it gives seconds to everything after it.</summary>
    public TimestampUnit TimeUnit(ParseResult parse) => Settings(parse).ParseTimeUnit();

    /// <summary>
    /// <paramref name="spec"/> with the time handling these flags give; the timestamps come from the CSV loader in
    /// seconds. The same for <c>train</c>'s windows and for a bundle's spec that <c>evaluate</c> and <c>score</c> apply.
    /// </summary>
    public WindowSpec Apply(ParseResult parse, WindowSpec spec) => Settings(parse).ApplyTo(spec);
}
