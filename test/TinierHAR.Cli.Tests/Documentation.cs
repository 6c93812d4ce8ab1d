using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>The generated sections of the repository's documents (<see cref="RepositoryDocuments"/>).</summary>
internal static class Documentation
{
    /// <summary>
    /// The generated section for the repository file <paramref name="artefact"/> (a path from the repository root), in
    /// whichever document has it (a document names it relative to itself), or null when none does.
    /// </summary>
    public static string? Section(string artefact)
    {
        foreach (var file in RepositoryDocuments.Files)
        {
            var name = Path.GetRelativePath(Path.GetDirectoryName(file)!, Path.Combine(SharedData.RepositoryRoot, artefact)).Replace('\\', '/');
            if (MarkdownSections.Read(File.ReadAllText(file), name) is { } section)
                return section;
        }
        return null;
    }
}
