using System.Globalization;

namespace TinierHAR.MLNet.Data;

/// <summary>
/// Times in seconds as people read them: to the microsecond, the finest tick a device log carries, so grid times
/// computed as <c>t0 + k / rate</c> print as 3.840622, not 3.8406219999999998.
/// </summary>
internal static class SecondsText
{
    /// <summary><paramref name="seconds"/> rounded to the microsecond, in the invariant culture; huge values in exponent form.</summary>
    public static string Format(double seconds) => Math.Abs(seconds) < 1e15
        ? seconds.ToString("0.######", CultureInfo.InvariantCulture)
        : seconds.ToString("G6", CultureInfo.InvariantCulture);
}
