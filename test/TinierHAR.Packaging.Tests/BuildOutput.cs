namespace TinierHAR.Packaging.Tests;

/// <summary>Whether a file lies in a project's build output (<c>bin/</c> or <c>obj/</c>), which no scan or copy of sources wants.</summary>
internal static class BuildOutput
{
    private static readonly string[] Folders = ["bin", "obj"];

    public static bool Contains(string path) =>
        Folders.Any(folder => path.Contains($"{Path.DirectorySeparatorChar}{folder}{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
}
