namespace TinierHAR.MLNet.Data;

/// <summary>The channel lists people write: <c>--channels model=log,...</c> at scoring and <c>--units</c> lists (the tool's flags, the service's query parameters).</summary>
public static class ChannelFlagText
{
    /// <summary>Model channel → log column, from "AccX=acc_x,AccY=acc_y"; empty for none.</summary>
    public static Dictionary<string, string> Mapping(string? text, IReadOnlyList<string> modelChannels)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Items(text))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0 || !modelChannels.Contains(parts[0]))
                throw new ArgumentException($"Invalid option '--channels': '{pair}' is not model=log with a model channel ({string.Join(", ", modelChannels)}).");
            mapping[parts[0]] = parts[1];
        }
        return mapping;
    }

    /// <summary>
    /// Units in channel order, from a list in that order ("g,g,g,rad/s,rad/s,rad/s") or from channel=unit pairs, the
    /// channels not named keeping <paramref name="defaults"/>; null when <paramref name="text"/> is empty.
    /// </summary>
    public static IReadOnlyList<string>? Units(string? text, IReadOnlyList<string> channels, IReadOnlyList<string>? defaults)
    {
        var items = Items(text);
        if (items.Length == 0)
            return null;
        string[] units;
        if (items.All(i => i.Contains('=', StringComparison.Ordinal)))
        {
            var named = items.Select(i => i.Split('=', 2, StringSplitOptions.TrimEntries)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            if (named.Keys.FirstOrDefault(k => !channels.Contains(k)) is { } stranger)
                throw new ArgumentException($"Invalid option '--units': '{stranger}' is not a channel ({string.Join(", ", channels)}).");
            units = channels.Select((c, i) => named.GetValueOrDefault(c) ?? defaults?[i]
                ?? throw new ArgumentException($"Invalid option '--units': no unit for channel '{c}'.")).ToArray();
        }
        else if (items.Length == channels.Count)
        {
            units = items;
        }
        else
        {
            throw new ArgumentException($"Invalid option '--units': give one unit per channel ({channels.Count}: {string.Join(", ", channels)}) or channel=unit pairs.");
        }
        for (var i = 0; i < units.Length; i++)
            ChannelUnits.Factor(units[i], units[i], channels[i]);
        return units;
    }

    private static string[] Items(string? text) => (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
