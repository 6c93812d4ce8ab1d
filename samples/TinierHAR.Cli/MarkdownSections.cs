namespace TinierHAR.Cli;

/// <summary>
/// The generated sections of a markdown document (the README): the text between <c>&lt;!-- results: {name} --&gt;</c>
/// and <c>&lt;!-- /results --&gt;</c>, where {name} is the path of the file the section is made from, as the document cites it.
/// </summary>
public static class MarkdownSections
{
    /// <summary>Replaces the section <paramref name="name"/> of <paramref name="document"/> with <paramref name="table"/>.</summary>
    public static string Replace(string document, string name, string table)
    {
        var (begin, end) = Markers(name);
        var start = document.IndexOf(begin, StringComparison.Ordinal);
        var stop = start < 0 ? -1 : document.IndexOf(end, start, StringComparison.Ordinal);
        if (start < 0 || stop < 0)
            throw new InvalidDataException($"The document has no section '{begin}' … '{end}' to fill.");
        return document[..(start + begin.Length)] + "\n" + table + document[stop..];
    }

    /// <summary>The section <paramref name="name"/> of <paramref name="document"/>, or null when absent.</summary>
    public static string? Read(string document, string name)
    {
        var (begin, end) = Markers(name);
        var start = document.IndexOf(begin, StringComparison.Ordinal);
        var stop = start < 0 ? -1 : document.IndexOf(end, start, StringComparison.Ordinal);
        return start < 0 || stop < 0 ? null : document[(start + begin.Length + 1)..stop];
    }

    private static (string Begin, string End) Markers(string name) => ($"<!-- results: {name} -->", "<!-- /results -->");
}
