using System.Text.RegularExpressions;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests;

/// <summary>Every relative link of README.md and docs/*.md leads to a file of the repository, and to a heading of it where it names one.</summary>
[TestClass]
public sealed partial class DocumentLinkTests
{
    [TestMethod]
    public void Every_relative_link_of_the_documents_resolves()
    {
        var broken = new List<string>();
        var links = 0;
        foreach (var document in RepositoryDocuments.Files)
        {
            var prose = CodeBlock().Replace(File.ReadAllText(document), "");
            foreach (var link in Link().Matches(prose).Select(m => m.Groups["target"].Value).Where(t => !Scheme().IsMatch(t)))
            {
                links++;
                var (path, anchor) = link.Split('#', 2) is [var p, var a] ? (p, a) : (link, null);
                var target = path.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, path));
                var name = $"{Path.GetRelativePath(SharedData.RepositoryRoot, document)}: ({link})";
                if (!File.Exists(target) && !Directory.Exists(target))
                    broken.Add($"{name} leads to nothing");
                else if (anchor is not null && target.EndsWith(".md", StringComparison.Ordinal) && !Headings(target).Contains(anchor))
                    broken.Add($"{name} names no heading of {Path.GetFileName(target)}");
            }
        }
        Assert.IsGreaterThan(50, links, "the scan finds the documents' links");
        Assert.IsEmpty(broken, string.Join("\n", broken));
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Headings(string document) =>
        Heading().Matches(CodeBlock().Replace(File.ReadAllText(document), ""))
            .Select(m => Punctuation().Replace(m.Groups["title"].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"```.*?```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-z][a-z+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex Scheme();

    [GeneratedRegex(@"^#+ (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex Punctuation();
}
