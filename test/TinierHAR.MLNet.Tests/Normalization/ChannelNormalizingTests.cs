using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Normalization;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Tests.Normalization;

[TestClass]
public sealed class ChannelNormalizingTests
{
    public TestContext TestContext { get; set; } = null!;

    private sealed class Window
    {
        [VectorType(2, 2)]
        public float[] Features { get; set; } = [];
    }

    private sealed class Sample
    {
        public double A { get; set; }
        public float B { get; set; }
    }

    /// <summary>Two windows of 2 steps x 2 channels; channel 0 takes 1, 2, 3, 4 and channel 1 takes 10, 10, 30, 30.</summary>
    private static IDataView Windows(MLContext ml) => ml.Data.LoadFromEnumerable(new[]
    {
        new Window { Features = [1, 10, 2, 10] },
        new Window { Features = [3, 30, 4, 30] },
    });

    [TestMethod]
    public void Statistics_and_values_equal_the_hand_computed_case()
    {
        var ml = new MLContext(seed: 1);
        var data = Windows(ml);
        var normalizer = ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Epsilon = 0 }).Fit(data);

        // Channel 0: mean 2.5, sample std sqrt(5/3); channel 1: mean 20, sample std sqrt(400/3).
        CollectionAssert.AreEqual(new[] { 2.5f, 20f }, normalizer.Statistics.Mean);
        Assert.AreEqual(Math.Sqrt(5.0 / 3), normalizer.Statistics.Scale[0], 1e-6);
        Assert.AreEqual(Math.Sqrt(400.0 / 3), normalizer.Statistics.Scale[1], 1e-5);

        var output = normalizer.Transform(data);
        var type = (VectorDataViewType)output.Schema["Features"].Type;
        TestContext.WriteLine($"normalised column type: {type} dims [{string.Join(", ", type.Dimensions)}]");
        var first = output.GetColumn<float[]>("Features").First();
        Assert.AreEqual((1 - 2.5) / Math.Sqrt(5.0 / 3), first[0], 1e-6);
        Assert.AreEqual((10 - 20) / Math.Sqrt(400.0 / 3), first[1], 1e-6);

        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        ml.Model.Save(normalizer, data.Schema, path);
        var loaded = new MLContext().Model.Load(path, out _);
        CollectionAssert.AreEqual(first, loaded.Transform(data).GetColumn<float[]>("Features").First(), "identical after Save and Load");
        File.Delete(path);
    }

    [TestMethod]
    public void Fits_on_sample_rows_or_uses_given_statistics()
    {
        var ml = new MLContext(seed: 1);
        var samples = ml.Data.LoadFromEnumerable(new[] { new Sample { A = 0, B = 5 }, new Sample { A = 2, B = 5 }, new Sample { A = 4, B = 8 } });
        var fromSamples = ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Samples = samples, SampleChannelColumnNames = ["A", "B"], Epsilon = 0 })
            .Fit(Windows(ml));
        CollectionAssert.AreEqual(new[] { 2f, 6f }, fromSamples.Statistics.Mean);
        Assert.AreEqual(2.0, fromSamples.Statistics.Scale[0], 1e-6);

        var given = new ChannelNormalization([1f, 2f], [4f, 8f]);
        var fixedNormalizer = ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Statistics = given }).Fit(Windows(ml));
        CollectionAssert.AreEqual(new[] { 0f, 1f, 0.25f, 1f }, fixedNormalizer.Transform(Windows(ml)).GetColumn<float[]>("Features").First());
    }

    [TestMethod]
    public void Bad_options_and_columns_are_named()
    {
        var ml = new MLContext(seed: 1);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() =>
            ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { ColumnName = "Absent" }).Fit(Windows(ml))).Message, "'Absent'");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() =>
            ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Statistics = new ChannelNormalization([0f, 0f], [1f, 0f]) }).Fit(Windows(ml))).Message, "positive");
    }
}
