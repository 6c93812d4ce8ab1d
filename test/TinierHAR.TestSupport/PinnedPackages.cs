using System.Xml.Linq;

namespace TinierHAR.TestSupport;

/// <summary>The package versions <c>Directory.Packages.props</c> pins: one place for every version.</summary>
public static class PinnedPackages
{
    /// <summary>Every pinned package: id to version.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } =
        XDocument.Load(Path.Combine(SharedData.RepositoryRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value, StringComparer.Ordinal);

    /// <summary>The version pinned for <paramref name="id"/>.</summary>
    public static string Version(string id) => All[id];
}
