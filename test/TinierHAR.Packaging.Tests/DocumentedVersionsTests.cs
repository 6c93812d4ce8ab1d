using System.Text.RegularExpressions;
using TinierHAR.TestSupport;

namespace TinierHAR.Packaging.Tests;

/// <summary>
/// Every version the documents give for a pinned package ("TorchSharp 0.107.0", "ONNX Runtime 1.32.0", "CsCheck
/// 5.0.1"; a shorter "TorchSharp 0.107" too) is the one <c>Directory.Packages.props</c> pins, so that a version bump
/// that leaves a document behind fails.
/// </summary>
[TestClass]
public sealed class DocumentedVersionsTests
{
    // Names the prose uses for a package instead of its id.
    private static readonly Dictionary<string, string> ProseNames = new(StringComparer.Ordinal) { ["ONNX Runtime"] = "Microsoft.ML.OnnxRuntime" };

    [TestMethod]
    public void The_docs_name_the_pinned_versions()
    {
        var names = PinnedPackages.All.Keys.Select(id => (Name: id, Id: id)).Concat(ProseNames.Select(p => (Name: p.Key, Id: p.Value))).ToArray();
        var wrong = new List<string>();
        var quoted = 0;
        foreach (var file in RepositoryDocuments.Files)
        {
            var text = RepositoryDocuments.Collapsed(File.ReadAllText(file));
            foreach (var (name, id) in names)
            {
                foreach (Match m in Regex.Matches(text, $@"(?<![\w.-]){Regex.Escape(name)} (\d+\.\d+(?:\.\d+)?(?:-[\w.]+)?)(?![\w-])"))
                {
                    quoted++;
                    var (version, pinned) = (m.Groups[1].Value, PinnedPackages.Version(id));
                    if (version != pinned && !pinned.StartsWith(version + ".", StringComparison.Ordinal))
                        wrong.Add($"{Path.GetFileName(file)}: '{m.Value}', pinned {id} {pinned}");
                }
            }
        }
        Assert.IsGreaterThan(0, quoted, "the documents name package versions");
        Assert.IsEmpty(wrong, string.Join("\n", wrong));
    }
}
