using System.Text.RegularExpressions;
using TinierHAR.TestSupport;

namespace TinierHAR.Packaging.Tests;

/// <summary>
/// The house rules the compiler cannot check (the rest are in .editorconfig and enforced at build): one test naming
/// convention, and every type in the file its name says.
/// </summary>
[TestClass]
public sealed partial class HouseStyleTests
{
    [GeneratedRegex(@"\[(?:TestMethod|DataTestMethod)[^\]]*\]\s*(?:\[[^\]]*\]\s*)*public\s+(?:async\s+)?(?:void|Task)\s+(\w+)\s*\(")]
    private static partial Regex TestMethod();

    // Sentences: a capitalised first word, then words joined by underscores (A_rerun_of_a_HAPT_fold_...).
    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*(_[A-Za-z0-9]+)+$")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"^(?:public|internal|file)\s+(?:(?:static|sealed|abstract|readonly|partial|record)\s+)*(?:class|record|struct|enum|interface)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex TopLevelType();

    public TestContext TestContext { get; set; } = null!;

    private static IEnumerable<string> Sources(params string[] folders) =>
        folders.SelectMany(f => Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, f), "*.cs", SearchOption.AllDirectories))
            .Where(f => !BuildOutput.Contains(f));

    [TestMethod]
    public void Every_test_name_is_a_sentence_with_underscores()
    {
        var names = Sources("test").SelectMany(f => TestMethod().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Name: m.Groups[1].Value))).ToList();
        TestContext.WriteLine($"{names.Count} test methods");
        Assert.IsGreaterThan(150, names.Count, "the scan finds the test methods");
        var others = names.Where(n => !Sentence().IsMatch(n.Name)).Select(n => $"{n.File}: {n.Name}").ToList();
        Assert.IsEmpty(others, "test names must read as sentences with underscores:\n" + string.Join("\n", others));
    }

    [TestMethod]
    public void Every_type_lives_in_the_file_its_name_says()
    {
        var misplaced = new List<string>();
        var types = 0;
        foreach (var file in Sources("src", "samples"))
        {
            var declared = TopLevelType().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToList();
            types += declared.Count;
            var name = Path.GetFileNameWithoutExtension(file);
            // ML.NET's convention (OnnxTransform.cs): an estimator and its transformer share the file named after the transform.
            var pair = name.EndsWith("Transform", StringComparison.Ordinal) && declared.Count == 2
                && declared.All(t => t == name[..^"Transform".Length] + "Estimator" || t == name[..^"Transform".Length] + "Transformer");
            if (!pair && declared.Any(t => t != name))
                misplaced.Add($"{Path.GetRelativePath(SharedData.RepositoryRoot, file)}: {string.Join(", ", declared)}");
        }
        TestContext.WriteLine($"{types} top-level types");
        Assert.IsGreaterThan(100, types, "the scan finds the types");
        Assert.IsEmpty(misplaced, "each type belongs in a file of its name:\n" + string.Join("\n", misplaced));
    }

    /// <summary>Applications, samples and sibling packages compile against the public API; only tests see internals.</summary>
    [TestMethod]
    public void Internals_are_visible_to_test_projects_only()
    {
        var grants = Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .SelectMany(project => InternalsVisibleTo().Matches(File.ReadAllText(project)).Select(m => (Project: Path.GetFileName(project), Friend: m.Groups[1].Value)))
            .ToList();
        TestContext.WriteLine(string.Join("\n", grants.Select(g => $"{g.Project} → {g.Friend}")));
        Assert.IsNotEmpty(grants, "the scan finds the test projects' grants");
        var others = grants.Where(g => !g.Friend.EndsWith(".Tests", StringComparison.Ordinal) && g.Friend != "TinierHAR.TestSupport").Select(g => $"{g.Project} → {g.Friend}").ToList();
        Assert.IsEmpty(others, "internals are for tests; give what an application needs a public API:\n" + string.Join("\n", others));
    }

    [GeneratedRegex(@"<InternalsVisibleTo\s+Include=""([^""]+)""")]
    private static partial Regex InternalsVisibleTo();
}
