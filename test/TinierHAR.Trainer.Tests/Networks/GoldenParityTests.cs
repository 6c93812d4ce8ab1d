using TinierHAR.MLNet.Complexity;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Checkpoints;
using TinierHAR.Trainer.Networks;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Tests.Networks;

[TestClass]
public sealed class GoldenParityTests
{
    private const double Tolerance = 1e-5;

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Fixtures => SharedData.GoldenFixtures();

    [TestMethod]
    [DynamicData(nameof(Fixtures))]
    public void Eval_forward_reproduces_the_reference_logits(string fixtureName)
    {
        var fixture = GoldenFixture.Load(fixtureName);
        using var network = HarNetwork.Create(fixture.NetworkOptions(), fixture.Window, fixture.Channels, fixture.Classes);
        CheckpointImporter.Load(network, fixture.WeightsPath);
        network.eval();

        var input = fixture.Input();
        var expected = fixture.ExpectedLogits();
        using var noGrad = no_grad();
        using var x = tensor(input.ToSingles(), input.Shape);
        using var logits = network.forward(x);
        var actual = logits.data<float>().ToArray();

        CollectionAssert.AreEqual(expected.Shape, logits.shape);
        var maxDifference = actual.Zip(expected.Values, (a, e) => Math.Abs(a - e)).Max();
        TestContext.WriteLine($"{fixtureName}: max |logit - reference| = {maxDifference:E3} over {actual.Length} logits");
        Assert.IsLessThanOrEqualTo(Tolerance, maxDifference, $"{fixtureName}: max abs difference {maxDifference:E3}");
        Assert.AreEqual(RepositoryDocuments.Scientific(maxDifference), RepositoryDocuments.TableCell("docs/networks-and-onnx.md", fixtureName, "TorchSharp"), "the difference the docs quote");

        Assert.AreEqual(fixture.Parameters, network.ParameterCount, "parameters of the TorchSharp network");
        var complexity = ModelComplexity.Of(network.Options, fixture.Window, fixture.Channels, fixture.Classes);
        Assert.AreEqual(fixture.Parameters, complexity.Parameters, "parameters from the complexity counter");

        if (fixture.Labels() is { } labels)
        {
            using var predicted = logits.argmax(1);
            var classes = predicted.data<long>().ToArray();
            CollectionAssert.AreEqual(labels.Values.Select(v => (long)v).ToArray(), classes, "predicted classes vs labels.npy");
        }
    }
}
