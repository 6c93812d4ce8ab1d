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

    public sealed class NamedWindow
    {
        [VectorType(128 * 9)]
        public float[] Windows { get; set; } = [];

        [KeyType(6)]
        public uint Label { get; set; }

        public string Subject { get; set; } = "";
    }

    /// <summary>
    /// A trainer's <c>GetOutputSchema</c> (<see cref="ScoringChain.OutputShape"/>) names what the chain it builds produces
    /// on windows under another column name: the input's columns, a <c>Features</c> copy, <c>Score</c> and a key-typed
    /// <c>PredictedLabel</c>. A window column that is not a float vector and a label that is not a key are refused by name.
    /// </summary>
    [TestMethod]
    public void The_output_shape_is_what_the_chain_produces_and_bad_columns_are_named()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c9-t128-k6");
        var classNames = Enumerable.Range(0, fixture.Classes).Select(i => $"activity{i}").ToArray();
        var ml = new MLContext(seed: 1);
        var windows = fixture.Input().ToSingles().Chunk(fixture.Window * fixture.Channels).Select((w, i) => new NamedWindow { Windows = w, Label = (uint)(i % 6) + 1, Subject = $"s{i}" }).ToArray();
        var data = ml.Data.LoadFromEnumerable(windows);

        var chain = ScoringChain.Build(fixture.OnnxModel(classNames), classNames, "Windows", data);
        var produced = chain.Transform(data).Schema.Where(c => !c.IsHidden).ToDictionary(c => c.Name);
        var shape = ScoringChain.OutputShape(SchemaShapes.ShapeOf(data.Schema), "Windows", "Label");

        CollectionAssert.AreEquivalent(new[] { "Windows", "Label", "Subject", "Features", "Score", "PredictedLabel" }, shape.Select(c => c.Name).ToArray());
        CollectionAssert.AreEquivalent(shape.Select(c => c.Name).ToArray(), produced.Keys.ToArray(), "the shape names what the chain produces");
        Assert.IsTrue(shape.Single(c => c.Name == "PredictedLabel").IsKey && produced["PredictedLabel"].Type is KeyDataViewType);
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, shape.Single(c => c.Name == "Features").Kind);
        CollectionAssert.AreEqual(windows.Select(w => w.Windows).First(), chain.Transform(data).GetColumn<float[]>("Features").First(), "Features is a copy of the windows");

        var flat = new DataViewSchema.Builder();
        flat.AddColumn("Windows", NumberDataViewType.Single);
        flat.AddColumn("Label", new KeyDataViewType(typeof(uint), 6));
        Assert.AreEqual("Windows", Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ScoringChain.OutputShape(SchemaShapes.ShapeOf(flat.ToSchema()), "Windows", "Label")).ParamName);
        var textLabel = new DataViewSchema.Builder();
        textLabel.AddColumn("Windows", new VectorDataViewType(NumberDataViewType.Single, 128, 9));
        textLabel.AddColumn("Label", TextDataViewType.Instance);
        var error = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => ScoringChain.OutputShape(SchemaShapes.ShapeOf(textLabel.ToSchema()), "Windows", "Label"));
        Assert.AreEqual("Label", error.ParamName);
        StringAssert.Contains(error.Message, "must be a key type (map labels with MapValueToKey)");
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
