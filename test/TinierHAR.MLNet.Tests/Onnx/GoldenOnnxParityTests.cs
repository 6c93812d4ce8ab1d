using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Onnx;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Onnx;

/// <summary>
/// The reference weights, written as ONNX by this library (which has no TorchSharp), scored by ONNX Runtime and by
/// ML.NET's ApplyOnnxModel: both must reproduce the authors' PyTorch logits.
/// </summary>
[TestClass]
public sealed class GoldenOnnxParityTests
{
    private const double Tolerance = 1e-5;

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Fixtures => SharedData.GoldenFixtures();

    /// <summary>The fixtures the parity tests run are the folder's, every one of them: none is added or lost unseen.</summary>
    [TestMethod]
    public void The_golden_fixture_list_names_every_fixture_folder()
    {
        var folder = SharedData.RequireDirectory("golden");
        var present = Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(SharedData.GoldenFixtureNames.ToArray(), present);
    }

    [TestMethod]
    [DynamicData(nameof(Fixtures))]
    public void Onnx_runtime_and_MLNet_reproduce_the_reference_logits(string fixtureName)
    {
        var fixture = GoldenFixture.Load(fixtureName);
        var (t, c, k) = (fixture.Window, fixture.Channels, fixture.Classes);
        var classNames = Enumerable.Range(0, k).Select(i => $"activity-{i}").ToArray();
        var model = fixture.OnnxModel(classNames);
        var input = fixture.Input();
        var batch = (int)input.Shape[0];
        var windows = input.ToSingles(); // (B, 1, T, C) and (B, T, C) share one memory layout.
        var expected = fixture.ExpectedLogits().Values;

        var ort = OnnxRun.Output(model, windows, batch, t, c, HarOnnxModelWriter.LogitsName);
        var ortDifference = OnnxRun.MaxDifference(ort, expected);
        TestContext.WriteLine($"{fixtureName}: ONNX Runtime max |logit - reference| = {ortDifference:E3}");
        Assert.IsLessThanOrEqualTo(Tolerance, ortDifference, "ONNX Runtime");
        Assert.AreEqual(RepositoryDocuments.Scientific(ortDifference), RepositoryDocuments.TableCell("docs/networks-and-onnx.md", fixtureName, "ONNX Runtime"), "the difference the docs quote");

        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{fixtureName}-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model);
        try
        {
            var ml = new MLContext(seed: 1);
            var data = WindowRows.Load(ml, windows, t, c);
            var scored = ml.Transforms.ApplyOnnxModel(path).Fit(data).Transform(data);

            var mlnet = scored.GetColumn<float[]>(HarOnnxModelWriter.LogitsName).SelectMany(v => v).ToArray();
            var mlnetDifference = OnnxRun.MaxDifference(mlnet, expected);
            TestContext.WriteLine($"{fixtureName}: ML.NET ApplyOnnxModel max |logit - reference| = {mlnetDifference:E3}");
            Assert.IsLessThanOrEqualTo(Tolerance, mlnetDifference, "ML.NET");
            Assert.AreEqual(RepositoryDocuments.Scientific(mlnetDifference), RepositoryDocuments.TableCell("docs/networks-and-onnx.md", fixtureName, "ML.NET"), "the difference the docs quote");

            VBuffer<ReadOnlyMemory<char>> slotNames = default;
            scored.Schema[HarOnnxModelWriter.ScoreName].GetSlotNames(ref slotNames);
            CollectionAssert.AreEqual(classNames, slotNames.DenseValues().Select(n => n.ToString()).ToArray(), "Score slot names");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
