using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>The repository's documents (README.md and docs/*.md) and their generated sections.</summary>
internal static class Documentation
{
    /// <summary>README.md, then every docs/*.md in name order.</summary>
    public static IReadOnlyList<string> Files =>
        [Path.Combine(SharedData.RepositoryRoot, "README.md"), .. Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "docs"), "*.md").Order(StringComparer.Ordinal)];

    /// <summary>
    /// The generated section for the repository file <paramref name="artefact"/> (a path from the repository root), in
    /// whichever document has it (a document names it relative to itself), or null when none does.
    /// </summary>
    public static string? Section(string artefact)
    {
        foreach (var file in Files)
        {
            var name = Path.GetRelativePath(Path.GetDirectoryName(file)!, Path.Combine(SharedData.RepositoryRoot, artefact)).Replace('\\', '/');
            if (MarkdownSections.Read(File.ReadAllText(file), name) is { } section)
                return section;
        }
        return null;
    }
}
