using System.Globalization;

namespace TinierHAR.MLNet.Data;

/// <summary>
/// The units an inertial log's channels come in, and the factors between them: acceleration in g, mg or m/s²
/// (1 g = 9.80665 m/s²), angular velocity in rad/s or deg/s.
/// </summary>
public static class ChannelUnits
{
    private static readonly Dictionary<string, (string Quantity, double InSi)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["g"] = ("acceleration", 9.80665),
        ["mg"] = ("acceleration", 9.80665e-3),
        ["m/s^2"] = ("acceleration", 1),
        ["m/s²"] = ("acceleration", 1),
        ["m/s2"] = ("acceleration", 1),
        ["rad/s"] = ("angular velocity", 1),
        ["deg/s"] = ("angular velocity", Math.PI / 180),
        ["°/s"] = ("angular velocity", Math.PI / 180),
    };

    /// <summary>The units understood, one spelling per unit.</summary>
    public static IReadOnlyList<string> Names { get; } = ["g", "mg", "m/s^2", "rad/s", "deg/s"];

    /// <summary>The factor that turns a value in <paramref name="from"/> into <paramref name="to"/>; an error names the channel and the rule.</summary>
    public static double Factor(string from, string to, string channel)
    {
        var source = Lookup(from, channel);
        var target = Lookup(to, channel);
        if (source.Quantity != target.Quantity)
            throw new ArgumentException($"Channel '{channel}': the log's unit '{from}' measures {source.Quantity}, the model's '{to}' {target.Quantity}; they cannot be converted.");
        return source.InSi / target.InSi;
    }

    private static (string Quantity, double InSi) Lookup(string unit, string channel) => Known.TryGetValue(unit.Trim(), out var known)
        ? known
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Channel '{channel}': unknown unit '{unit}' (known: {string.Join(", ", Names)})."));
}
