namespace TinierHAR.TestSupport;

/// <summary>
/// Locates the read-only <c>shared/</c> folder that sits beside the repository (reference weights, golden outputs,
/// real datasets). Tests that need it call <see cref="RequireDirectory"/>, which reports the test as skipped (never
/// passed) with a clear message where the folder is absent, as in a user's fresh clone.
/// </summary>
public static class SharedData
{
    /// <summary>The repository root: the nearest folder above the test binaries holding the solution file.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared folder, <c>../shared</c> relative to the repository root.</summary>
    public static string Root => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared"));

    /// <summary>Returns the absolute path of <paramref name="relative"/> inside the shared folder, or skips the test.</summary>
    public static string RequireDirectory(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (!Directory.Exists(path))
            Assert.Inconclusive($"Skipped: needs the shared test data folder '{path}', which is absent (it exists in CI, not in a fresh clone).");
        return path;
    }

    /// <summary>
    /// The golden fixtures (<c>shared/golden</c>, its README's table), named here rather than listed from the folder, so
    /// that a lost fixture is a skipped row (which CI refuses) instead of a row that quietly disappears.
    /// </summary>
    public static IReadOnlyList<string> GoldenFixtureNames { get; } =
    [
        "deepconvlstm-random-c9-t128-k6", "tinierhar-mhealth-trained", "tinierhar-random-c3-t101-k5", "tinierhar-random-c9-t128-k6", "tinyhar-random-c9-t128-k6",
    ];

    /// <summary>The golden fixtures as MSTest data rows.</summary>
    public static IEnumerable<object[]> GoldenFixtures() => GoldenFixtureNames.Select(n => new object[] { n });

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TinierHAR.MLNet.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No TinierHAR.MLNet.sln above '{AppContext.BaseDirectory}'.");
    }
}
