namespace TinierHAR.MLNet.Data;

/// <summary>
/// Input quoted in error messages, cut to a length a person reads on one line: a corrupt file can hold a 10 MB header
/// or field, and the message must still be one short line.
/// </summary>
internal static class InputText
{
    /// <summary>The most characters of one quoted value.</summary>
    public const int ValueLimit = 60;

    /// <summary>The most characters of a quoted list of names.</summary>
    public const int ListLimit = 200;

    /// <summary><paramref name="text"/> in quotes, or its start and its length when longer than <paramref name="limit"/>.</summary>
    public static string Quote(ReadOnlySpan<char> text, int limit = ValueLimit) => text.Length <= limit
        ? $"'{text}'"
        : $"'{text[..limit]}…' ({text.Length:N0} characters)";

    /// <summary>The names joined with commas, cut after <paramref name="limit"/> characters with the count of those left out.</summary>
    public static string List(IReadOnlyList<string> names, int limit = ListLimit)
    {
        var shown = new List<string>();
        var length = 0;
        foreach (var name in names)
        {
            var quoted = Quote(name);
            if (shown.Count > 0 && length + quoted.Length > limit)
                return $"{string.Join(", ", shown)} and {names.Count - shown.Count:N0} more";
            shown.Add(quoted);
            length += quoted.Length + 2;
        }
        return string.Join(", ", shown);
    }
}
