using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Checkpoints;
using TinierHAR.MLNet.Onnx;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Onnx;

[TestClass]
public sealed class OnnxModelTests
{
    private static (GoldenFixture Fixture, Dictionary<string, WeightTensor> Weights) Reference()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c9-t128-k6");
        return (fixture, SafeTensorsFile.Read(fixture.WeightsPath));
    }

    [TestMethod]
    public void Folded_normalisation_scores_raw_windows_like_normalise_then_score()
    {
        var (fixture, weights) = Reference();
        var (t, c, k) = (fixture.Window, fixture.Channels, fixture.Classes);
        var random = new Random(3);
        var normalization = new ChannelNormalization(
            Enumerable.Range(0, c).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray(),
            Enumerable.Range(0, c).Select(_ => (float)(random.NextDouble() * 3 + 0.2)).ToArray());
        var normalised = fixture.Input().ToSingles();
        var raw = normalised.Select((v, i) => v * normalization.Scale[i % c] + normalization.Mean[i % c]).ToArray();
        var batch = normalised.Length / (t * c);

        var plain = HarOnnxModelWriter.Write(new TinierHarOptions(), t, c, k, weights, new HarOnnxExportOptions { Normalization = normalization });
        var folded = HarOnnxModelWriter.Write(new TinierHarOptions(), t, c, k, weights, new HarOnnxExportOptions { Normalization = normalization, FoldNormalization = true });

        var expected = OnnxRun.Output(plain, normalised, batch, t, c, HarOnnxModelWriter.ScoreName);
        var actual = OnnxRun.Output(folded, raw, batch, t, c, HarOnnxModelWriter.ScoreName);
        Assert.IsLessThanOrEqualTo(1e-5, OnnxRun.MaxDifference(actual, expected.Select(v => (double)v).ToArray()));
        Assert.IsTrue(HarModelMetadata.Read(folded).NormalizationInGraph);
        Assert.IsFalse(HarModelMetadata.Read(plain).NormalizationInGraph);
    }

    [TestMethod]
    public void Metadata_reader_refuses_what_is_not_ours()
    {
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => HarModelMetadata.Read([0xFF, 0xFF, 0xFF], "junk.onnx")).Message, "'junk.onnx' is not an ONNX model");
        var foreign = new global::Onnx.ModelProto { IrVersion = 8, Graph = new global::Onnx.GraphProto { Name = "other" } };
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => HarModelMetadata.Read(Google.Protobuf.MessageExtensions.ToByteArray(foreign), "other.onnx")).Message,
            "is not a TinierHAR.MLNet model");

        var properties = new HarModelMetadata { Network = new TinyHarOptions(), WindowLength = 128, Channels = 9, ClassNames = ["a", "b"] }
            .ToProperties().ToDictionary(p => p.Key, p => p.Value);
        properties["tinierhar.format_version"] = "99";
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => HarModelMetadata.FromProperties(properties, "future.onnx")).Message, "format version 99");
    }

    [TestMethod]
    public void Export_options_are_checked()
    {
        var (fixture, weights) = Reference();
        var (t, c, k) = (fixture.Window, fixture.Channels, fixture.Classes);
        Assert.ThrowsExactly<ArgumentException>(() => HarOnnxModelWriter.Write(new TinierHarOptions(), t, c, k, weights, new HarOnnxExportOptions { ClassNames = ["only one"] }));
        Assert.ThrowsExactly<ArgumentException>(() => HarOnnxModelWriter.Write(new TinierHarOptions(), t, c, k, weights, new HarOnnxExportOptions { FoldNormalization = true }));
        var wrongShape = Assert.ThrowsExactly<InvalidDataException>(() => HarOnnxModelWriter.Write(new TinierHarOptions(), t, 6, k, weights));
        StringAssert.Contains(wrongShape.Message, "gru.weight_ih_l0");
        var extra = new Dictionary<string, WeightTensor>(weights) { ["stray.weight"] = new WeightTensor([1], [0f]) };
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => HarOnnxModelWriter.Write(new TinierHarOptions(), t, c, k, extra)).Message, "stray.weight");
    }
}
