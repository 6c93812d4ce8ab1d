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
    public static void AssertQuoted(string text, string[] expected, string where) =>
        CollectionAssert.AreEqual(expected, expected.Select(e => text.Contains(e, StringComparison.Ordinal) ? e : $"<not quoted: {e}>").ToArray(), where);

    /// <summary>Every expected phrase stands in the prose of a document (a path from the repository root).</summary>
    public static void AssertQuotedIn(string document, params string[] expected) =>
        AssertQuoted(Prose(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, document))), expected, document);
}
