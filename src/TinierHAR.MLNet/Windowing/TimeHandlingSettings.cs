using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// How a log's samples are put on the model's time grid, as the tool's flags and the scoring service's query
/// parameters say it (<c>--time-unit</c>, <c>--no-resample</c>, <c>--gap</c>, <c>--repeats</c>, <c>--out-of-order</c>,
/// <c>--missing</c>); errors name those flags.
/// </summary>
public sealed class TimeHandlingSettings
{
    /// <summary>What the timestamps count: auto (decided per file from its first rows), s, ms, us, ns or datetime.</summary>
    public string TimeUnit { get; set; } = "auto";

    /// <summary>Put recordings on a uniform grid at the model's rate (off: a log at another rate is refused).</summary>
    public bool Resample { get; set; } = true;

    /// <summary>Seconds between samples that split a recording; null: 5 sampling intervals.</summary>
    public double? GapSeconds { get; set; }

    /// <summary>Samples with the previous sample's timestamp.</summary>
    public RepeatedTimestampPolicy Repeats { get; set; } = RepeatedTimestampPolicy.Mean;

    /// <summary>Samples earlier than the previous one.</summary>
    public OutOfOrderTimestampPolicy OutOfOrder { get; set; } = OutOfOrderTimestampPolicy.Drop;

    /// <summary>Empty or non-finite channel values.</summary>
    public InvalidValuePolicy Missing { get; set; } = InvalidValuePolicy.Interpolate;

    /// <summary>The unit the CSV loader reads the timestamps in (it gives seconds to everything after it).</summary>
    public TimestampUnit ParseTimeUnit()
    {
        try
        {
            return TimestampUnitNames.Parse(TimeUnit);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Invalid option '--time-unit': {e.Message}", e);
        }
    }

    /// <summary><paramref name="spec"/> with this time handling, for timestamps the CSV loader gives in seconds.</summary>
    public WindowSpec ApplyTo(WindowSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (GapSeconds is <= 0 or double.NaN)
            throw new ArgumentException($"Invalid option '--gap': a positive number of seconds (got {GapSeconds}).");
        return spec with
        {
            TimestampUnit = TimestampUnit.Seconds,
            Resample = Resample,
            GapToleranceSeconds = GapSeconds ?? spec.GapToleranceSeconds,
            RepeatedTimestamps = Repeats,
            OutOfOrderTimestamps = OutOfOrder,
            InvalidValues = Missing,
        };
    }
}
