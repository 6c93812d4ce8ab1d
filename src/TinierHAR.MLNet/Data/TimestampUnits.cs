using System.Globalization;

namespace TinierHAR.MLNet.Data;

/// <summary>Conversions of timestamps to seconds, and the decision of <see cref="TimestampUnit.Auto"/>.</summary>
internal static class TimestampUnits
{
    // A wearable's usual rate: the prior of the decision when the caller expects none.
    private const double TypicalRateHz = 50;

    private static readonly TimestampUnit[] Numeric = [TimestampUnit.Seconds, TimestampUnit.Milliseconds, TimestampUnit.Microseconds, TimestampUnit.Nanoseconds];

    /// <summary>Seconds per unit of a numeric timestamp; date-times are read in seconds already.</summary>
    public static double SecondsPer(TimestampUnit unit) => unit switch
    {
        TimestampUnit.Milliseconds => 1e-3,
        TimestampUnit.Microseconds => 1e-6,
        TimestampUnit.Nanoseconds => 1e-9,
        _ => 1,
    };

    /// <summary>A date-time's seconds since the Unix epoch; a missing offset means UTC.</summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> text, out double seconds)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value))
        {
            seconds = (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
            return true;
        }
        seconds = double.NaN;
        return false;
    }

    /// <summary>The median of the positive intervals between consecutive <paramref name="values"/>, in their unit; null without one.</summary>
    public static double? MedianInterval(IReadOnlyList<double> values)
    {
        var intervals = new List<double>(values.Count);
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] > values[i - 1])
                intervals.Add(values[i] - values[i - 1]);
        }
        intervals.Sort();
        return intervals.Count > 0 ? intervals[intervals.Count / 2] : null;
    }

    /// <summary>
    /// The unit of numeric timestamps <paramref name="values"/> (in order): the one whose median positive interval gives
    /// the rate nearest <paramref name="expectedRateHz"/> (on a log scale), or nearest 50 Hz when none is expected.
    /// </summary>
    public static TimestampDecision Detect(IReadOnlyList<double> values, double? expectedRateHz)
    {
        if (MedianInterval(values) is not { } median)
            return new TimestampDecision(TimestampUnit.Seconds, "too few distinct timestamps to tell; seconds assumed");
        var target = expectedRateHz ?? TypicalRateHz;
        var unit = Numeric.MinBy(u => Math.Abs(Math.Log(1 / (median * SecondsPer(u)) / target)));
        var rate = 1 / (median * SecondsPer(unit));
        var reference = expectedRateHz is null ? "nearest a wearable's usual 50 Hz" : $"nearest the expected {target.ToString("0.###", CultureInfo.InvariantCulture)} Hz";
        return new TimestampDecision(unit, string.Create(CultureInfo.InvariantCulture,
            $"median interval {median:G4} {unit.Symbol()} over the first {values.Count} samples: {rate:0.#} Hz, {reference}"));
    }
}
