using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Scoring;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Scoring;

/// <summary>The chain a trained model is made of, saved and loaded in a process that has no TorchSharp.</summary>
[TestClass]
public sealed class ScoringChainTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Saved_model_loads_and_scores_identically_without_TorchSharp()
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
        Assert.IsFalse(AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name?.StartsWith("TorchSharp", StringComparison.Ordinal) == true));
    }
}
