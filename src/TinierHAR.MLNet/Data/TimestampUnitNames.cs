namespace TinierHAR.MLNet.Data;

/// <summary>The short names of <see cref="TimestampUnit"/> that options, reports and the tool use: <c>auto</c>, <c>s</c>, <c>ms</c>, <c>us</c>, <c>ns</c>, <c>datetime</c>.</summary>
public static class TimestampUnitNames
{
    /// <summary>The short name used by the tool's options and reports.</summary>
    public static string Symbol(this TimestampUnit unit) => unit switch
    {
        TimestampUnit.Seconds => "s",
        TimestampUnit.Milliseconds => "ms",
        TimestampUnit.Microseconds => "us",
        TimestampUnit.Nanoseconds => "ns",
        TimestampUnit.DateTime => "datetime",
        _ => "auto",
    };

    /// <summary>The unit named by <paramref name="symbol"/> (<c>auto|s|ms|us|ns|datetime</c>, or the enum's names).</summary>
    public static TimestampUnit Parse(string symbol)
    {
        foreach (var unit in Enum.GetValues<TimestampUnit>())
        {
            if (Symbol(unit).Equals(symbol, StringComparison.OrdinalIgnoreCase) || unit.ToString().Equals(symbol, StringComparison.OrdinalIgnoreCase))
                return unit;
        }
        throw new ArgumentException($"Unknown time unit '{symbol}': use auto, s, ms, us, ns or datetime.");
    }
}
