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
        public int Count { get; set; }
    }

    private sealed class FlatWindow
    {
        [VectorType(4)]
        public float[] Features { get; set; } = [];
    }

    private sealed class TextWindow
    {
        public string Features { get; set; } = "";
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

        Assert.AreEqual(Math.Sqrt(3), fromSamples.Statistics.Scale[1], 1e-6, "the float column: 5, 5, 8");

        var given = new ChannelNormalization([1f, 2f], [4f, 8f]);
        var fixedNormalizer = ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Statistics = given }).Fit(Windows(ml));
        CollectionAssert.AreEqual(new[] { 0f, 1f, 0.25f, 1f }, fixedNormalizer.Transform(Windows(ml)).GetColumn<float[]>("Features").First());
    }

    /// <summary>The authors' ε is added to each sample standard deviation, not subtracted nor left out.</summary>
    [TestMethod]
    public void Epsilon_is_added_to_each_standard_deviation()
    {
        var ml = new MLContext(seed: 1);
        var normalizer = ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Epsilon = 0.5f }).Fit(Windows(ml));
        Assert.AreEqual(Math.Sqrt(5.0 / 3) + 0.5, normalizer.Statistics.Scale[0], 1e-6);
        Assert.AreEqual(Math.Sqrt(400.0 / 3) + 0.5, normalizer.Statistics.Scale[1], 1e-5);
    }

    [TestMethod]
    public void Too_little_data_is_refused_with_what_was_there()
    {
        var ml = new MLContext(seed: 1);
        var none = ml.Data.LoadFromEnumerable(Array.Empty<Window>());
        StringAssert.StartsWith(Assert.ThrowsExactly<InvalidDataException>(() => ml.Transforms.NormalizeSensorChannels("Features").Fit(none)).Message,
            "There are no windows to normalise: no recording is as long as one window of 2 samples");
        var one = ml.Data.LoadFromEnumerable(new[] { new Sample { A = 1, B = 2 } });
        var single = Assert.ThrowsExactly<InvalidDataException>(() => ml.Transforms.NormalizeSensorChannels(
            new ChannelNormalizingOptions { Samples = one, SampleChannelColumnNames = ["A", "B"] }).Fit(Windows(ml)));
        Assert.AreEqual("Normalisation needs at least 2 samples per channel; there were 1.", single.Message);
        var two = ml.Data.LoadFromEnumerable(new[] { new Sample { A = 1, B = 2 }, new Sample { A = 3, B = 2 } });
        Assert.AreEqual(2f, ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Samples = two, SampleChannelColumnNames = ["A", "B"], Epsilon = 1 })
            .Fit(Windows(ml)).Statistics.Mean[0], "two samples are enough");
    }

    [TestMethod]
    public void Bad_options_and_columns_are_named()
    {
        var ml = new MLContext(seed: 1);
        Assert.ThrowsExactly<ArgumentNullException>(() => ml.Transforms.NormalizeSensorChannels((ChannelNormalizingOptions)null!));
        Assert.ThrowsExactly<ArgumentNullException>(() => ml.Transforms.NormalizeSensorChannels("Features").Fit(null!));
        Assert.AreEqual("Invalid option 'Epsilon': it must not be negative. (Parameter 'Epsilon')", Assert.ThrowsExactly<ArgumentException>(() =>
            ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Epsilon = -1e-9f })).Message);
        var samples = ml.Data.LoadFromEnumerable(new[] { new Sample { A = 1, B = 2, Count = 3 }, new Sample { A = 2, B = 3, Count = 4 } });
        Assert.AreEqual("Invalid option 'SampleChannelColumnNames': name the channel columns of the samples. (Parameter 'SampleChannelColumnNames')",
            Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Samples = samples })).Message);
        StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.NormalizeSensorChannels(
            new ChannelNormalizingOptions { Samples = samples, SampleChannelColumnNames = ["A", "Gone"] }).Fit(Windows(ml))).Message, "The samples have no channel column 'Gone'.");
        StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.NormalizeSensorChannels(
            new ChannelNormalizingOptions { Samples = samples, SampleChannelColumnNames = ["A", "Count"] }).Fit(Windows(ml))).Message, "Channel column 'Count' must be float or double; it is Int32.");
        StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.NormalizeSensorChannels("Features")
            .Fit(ml.Data.LoadFromEnumerable(new[] { new FlatWindow { Features = [1, 2, 3, 4] } }))).Message, "Column 'Features' must be Vector<Single, T, C>; it is Vector<Single, 4>.");
        StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.NormalizeSensorChannels("Features")
            .Fit(ml.Data.LoadFromEnumerable(new[] { new TextWindow { Features = "1 2" } }))).Message, "Column 'Features' must be Vector<Single, T, C>; it is String.");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() =>
            ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Statistics = new ChannelNormalization([0f, 0f, 0f], [1f, 1f, 1f]) }).Fit(Windows(ml))).Message,
            "3 means and 3 scales for 2 channels.");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() =>
            ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { ColumnName = "Absent" }).Fit(Windows(ml))).Message, "'Absent'");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() =>
            ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { Statistics = new ChannelNormalization([0f, 0f], [1f, 0f]) }).Fit(Windows(ml))).Message, "positive");
    }
}
