namespace TinierHAR.TestSupport;

/// <summary>The repository's documents: README.md and docs/*.md, whose generated sections and code blocks tests check.</summary>
public static class RepositoryDocuments
{
    /// <summary>README.md, then every docs/*.md in name order.</summary>
    public static IReadOnlyList<string> Files =>
        [Path.Combine(SharedData.RepositoryRoot, "README.md"), .. Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "docs"), "*.md").Order(StringComparer.Ordinal)];
}
