using System.CommandLine;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Cli;

/// <summary>
/// How a log's samples are read: time unit, resampling, repeats, out-of-order rows, gaps and missing values; shared by
/// <c>train</c>, <c>evaluate</c> and <c>score</c>.
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

    /// <summary>The unit the CSV loader reads the timestamps in; it gives seconds to everything after it.</summary>
    public TimestampUnit TimeUnit(ParseResult parse)
    {
        try
        {
            return TimestampUnitNames.Parse(parse.GetValue(Unit)!);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Invalid option '--time-unit': {e.Message}", e);
        }
    }

    /// <summary>Sets the windowing's sample handling from the flags; the timestamps come from the CSV loader in seconds.</summary>
    public SensorWindowingOptions Apply(ParseResult parse, SensorWindowingOptions windowing)
    {
        windowing.TimestampUnit = TimestampUnit.Seconds;
        windowing.Resample = !parse.GetValue(NoResample);
        windowing.GapToleranceSeconds = Positive(parse, Gap);
        windowing.RepeatedTimestamps = parse.GetValue(Repeats);
        windowing.OutOfOrderTimestamps = parse.GetValue(OutOfOrder);
        windowing.InvalidValues = parse.GetValue(Missing);
        return windowing;
    }

    /// <summary>Sets a log scoring's sample handling: the same flags, read once, as the bundle's windowing will apply them.</summary>
    public void Apply(ParseResult parse, LogScoringOptions scoring)
    {
        var flags = Apply(parse, new SensorWindowingOptions());
        (scoring.TimestampUnit, scoring.Resample, scoring.GapToleranceSeconds) = (flags.TimestampUnit, flags.Resample, flags.GapToleranceSeconds);
        (scoring.RepeatedTimestamps, scoring.OutOfOrderTimestamps, scoring.InvalidValues) = (flags.RepeatedTimestamps, flags.OutOfOrderTimestamps, flags.InvalidValues);
    }

    private static double? Positive(ParseResult parse, Option<double?> option) => parse.GetValue(option) is { } value && value <= 0
        ? throw new ArgumentException($"Invalid option '{option.Name}': a positive number of seconds (got {value}).")
        : parse.GetValue(option);
}
