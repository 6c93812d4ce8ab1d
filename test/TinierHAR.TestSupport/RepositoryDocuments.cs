using System.Globalization;
using System.Text.RegularExpressions;

namespace TinierHAR.TestSupport;

/// <summary>
/// The repository's documents: README.md and docs/*.md, whose generated sections and code blocks tests check, and whose
/// prose must quote the figures the tests measure.
/// </summary>
public static partial class RepositoryDocuments
{
    /// <summary>README.md, then every docs/*.md in name order.</summary>
    public static IReadOnlyList<string> Files =>
        [Path.Combine(SharedData.RepositoryRoot, "README.md"), .. Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "docs"), "*.md").Order(StringComparer.Ordinal)];

    /// <summary>A section the <c>report</c> verb writes: <c>&lt;!-- name … --&gt;</c> up to <c>&lt;!-- /name --&gt;</c>.</summary>
    [GeneratedRegex(@"<!-- (?<name>[a-z-]+)[^>]*-->.*?<!-- /\k<name> -->", RegexOptions.Singleline)]
    public static partial Regex GeneratedBlock();

    /// <summary>Markdown's prose without the generated sections, whitespace collapsed (<see cref="Collapsed"/>).</summary>
    public static string Prose(string markdown) => Collapsed(GeneratedBlock().Replace(markdown, " "));

    /// <summary>Each run of whitespace one space, so that a phrase matches across line breaks (as a reader sees it).</summary>
    public static string Collapsed(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Every expected phrase stands in the text; the message lists the ones that do not.</summary>
    public static void AssertQuoted(string text, string[] expected, string where)
    {
        var missing = expected.Where(e => !text.Contains(e, StringComparison.Ordinal)).ToArray();
        Assert.AreEqual(0, missing.Length, $"{where} does not quote:\n{string.Join("\n", missing)}");
    }

    /// <summary>
    /// The cell of a Markdown table in a document (a path from the repository root): in the one row whose first cell's
    /// first word is <paramref name="row"/>, under the header <paramref name="column"/> of that row's table.
    /// </summary>
    public static string TableCell(string document, string row, string column)
    {
        var lines = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, document));
        var found = lines.Select((line, index) => (line, index))
            .Where(l => l.line.StartsWith('|') && Cells(l.line)[0].Split(' ')[0] == row).ToList();
        Assert.HasCount(1, found, $"{document}: the table rows for {row}");
        var headerIndex = found[0].index;
        while (headerIndex > 0 && lines[headerIndex - 1].StartsWith('|'))
            headerIndex--;
        var at = Array.IndexOf(Cells(lines[headerIndex]), column);
        Assert.IsGreaterThanOrEqualTo(0, at, $"{document}: the column {column} of the table holding {row}");
        return Cells(found[0].line)[at];
    }

    /// <summary>The cells after the first of the one Markdown table row in a document whose first cell is <paramref name="firstCell"/>.</summary>
    public static string[] TableRow(string document, string firstCell)
    {
        var rows = File.ReadLines(Path.Combine(SharedData.RepositoryRoot, document)).Where(l => l.StartsWith('|'))
            .Select(Cells).Where(cells => cells[0] == firstCell).ToList();
        Assert.HasCount(1, rows, $"{document}: the table rows for {firstCell}");
        return rows[0][1..];
    }

    /// <summary>
    /// The rows of the Markdown table in a file (a path from the repository root; a results file or a BenchmarkDotNet
    /// report), each as its header's cells: quotes decoded, bold removed, the empty rows that separate groups skipped.
    /// </summary>
    public static List<Dictionary<string, string>> Table(string path)
    {
        var lines = File.ReadLines(Path.Combine(SharedData.RepositoryRoot, path)).Where(l => l.StartsWith('|')).ToArray();
        string[] Plain(string line) => Cells(line.Replace("&#39;", "'", StringComparison.Ordinal)).Select(c => c.Trim('*')).ToArray();
        var header = Plain(lines[0]);
        return lines.Skip(2).Select(Plain).Where(cells => cells[0].Length > 0)
            .Select(cells => header.Zip(cells).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    /// <summary>A Markdown table line's cells, trimmed.</summary>
    private static string[] Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    /// <summary>The first group of a pattern in a document's prose (<see cref="Prose"/>); the prose must have it.</summary>
    public static string Quoted(string document, string pattern) => QuotedGroups(document, pattern)[0];

    /// <summary>The groups of a pattern in a document's prose (<see cref="Prose"/>), in order; the prose must have it.</summary>
    public static string[] QuotedGroups(string document, string pattern)
    {
        var match = Regex.Match(Prose(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, document))), pattern);
        Assert.IsTrue(match.Success, $"{document} quotes {pattern}");
        return match.Groups.Cast<Group>().Skip(1).Select(g => g.Value).ToArray();
    }

    /// <summary>A list as the docs write it: "a, b and c".</summary>
    public static string Listed(IEnumerable<string> items)
    {
        var all = items.ToArray();
        return all.Length == 1 ? all[0] : $"{string.Join(", ", all[..^1])} and {all[^1]}";
    }

    /// <summary>A figure as the docs write it: rounded half away from zero, as a reader rounds, to a fixed number of decimals.</summary>
    public static string Fixed(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A range as the docs write it, "low–high" of the rounded values (<see cref="Fixed"/>), one figure where they round alike.</summary>
    public static string Range(IEnumerable<decimal> values, int decimals)
    {
        var rounded = values.Select(v => Math.Round(v, decimals, MidpointRounding.AwayFromZero)).ToArray();
        return rounded.Min() == rounded.Max() ? Fixed(rounded[0], decimals) : $"{Fixed(rounded.Min(), decimals)}–{Fixed(rounded.Max(), decimals)}";
    }

    /// <summary>A small count as the docs write it in words: "no", "one" … "ten".</summary>
    public static string Words(int count) => SmallCounts[count];

    private static readonly string[] SmallCounts = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    /// <summary>A training setting as the docs write it: 1e-3, 0.01, 0.1, 256.</summary>
    public static string Setting(double value) => value.ToString(value < 0.01 ? "0e-0" : "0.###", CultureInfo.InvariantCulture);

    /// <summary>A small difference as the docs write it, two significant digits: 3.8e-6.</summary>
    public static string Scientific(double value) => value.ToString("0.0e-0", CultureInfo.InvariantCulture);

    /// <summary>Every expected phrase stands in the prose of a document (a path from the repository root).</summary>
    public static void AssertQuotedIn(string document, params string[] expected) =>
        AssertQuoted(Prose(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, document))), expected, document);
}
