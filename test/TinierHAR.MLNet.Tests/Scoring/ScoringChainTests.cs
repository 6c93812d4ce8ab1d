using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Scoring;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Scoring;

/// <summary>
/// The chain a trained model is made of, saved and loaded in a fresh context; and the scoring package, whose
/// dependencies hold no TorchSharp.
/// </summary>
[TestClass]
public sealed class ScoringChainTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Saved_model_loads_and_scores_identically_in_a_fresh_context()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c9-t128-k6");
        var (t, c, k) = (fixture.Window, fixture.Channels, fixture.Classes);
        var classNames = Enumerable.Range(0, k).Select(i => $"activity{i}").ToArray();
        var onnx = fixture.OnnxModel(classNames);

        var ml = new MLContext(seed: 1);
        var data = WindowRows.Load(ml, fixture.Input().ToSingles(), t, c);
        var chain = ScoringChain.Build(onnx, classNames, "Features", data);
        var scored = chain.Transform(data);
        var expectedClasses = fixture.ExpectedLogits().Values.Chunk(k).Select(l => (uint)Array.IndexOf(l, l.Max()) + 1).ToArray();
        CollectionAssert.AreEqual(expectedClasses, scored.GetColumn<uint>("PredictedLabel").ToArray(), "PredictedLabel is the reference's arg-max");

        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        ml.Model.Save(chain, data.Schema, path);
        var fresh = new MLContext(seed: 2);
        fresh.ComponentCatalog.RegisterAssembly(typeof(ScoreArgMaxMapping).Assembly);
        var loaded = fresh.Model.Load(path, out _).Transform(data);
        File.Delete(path);

        CollectionAssert.AreEqual(scored.GetColumn<float[]>("Score").SelectMany(s => s).ToArray(), loaded.GetColumn<float[]>("Score").SelectMany(s => s).ToArray());
        CollectionAssert.AreEqual(expectedClasses, loaded.GetColumn<uint>("PredictedLabel").ToArray());
        VBuffer<ReadOnlyMemory<char>> keyValues = default;
        loaded.Schema["PredictedLabel"].GetKeyValues(ref keyValues);
        CollectionAssert.AreEqual(classNames, keyValues.DenseValues().Select(v => v.ToString()).ToArray(), "PredictedLabel's key values are the class names");
    }

    /// <summary>
    /// Every assembly TinierHAR.MLNet needs, followed reference by reference: ONNX Runtime and ML.NET, never TorchSharp
    /// (the trainer's), so that an application that scores never loads libtorch.
    /// </summary>
    [TestMethod]
    public void The_scoring_package_depends_on_no_TorchSharp_assembly()
    {
        var needed = Dependencies(typeof(HarModelBundle).Assembly.GetName());
        TestContext.WriteLine($"{needed.Count} assemblies: {string.Join(", ", needed.Order(StringComparer.Ordinal))}");
        Assert.Contains("Microsoft.ML.OnnxRuntime", needed, "the walk follows references (the control)");
        Assert.Contains("Microsoft.ML.Data", needed, "the walk follows references (the control)");
        Assert.IsEmpty(needed.Where(n => n.StartsWith("TorchSharp", StringComparison.Ordinal)).ToList());
    }

    /// <summary>The names of the assemblies <paramref name="root"/> references, directly or through others (framework ones left out).</summary>
    internal static HashSet<string> Dependencies(AssemblyName root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([root]);
        while (pending.TryPop(out var name))
        {
            if (name.Name is not { } simple || !seen.Add(simple) || simple.StartsWith("System", StringComparison.Ordinal) || simple is "mscorlib" or "netstandard")
                continue;
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue; // a reference no code path here loads (an optional platform assembly)
            }
            foreach (var reference in assembly.GetReferencedAssemblies())
                pending.Push(reference);
        }
        return seen;
    }
}
