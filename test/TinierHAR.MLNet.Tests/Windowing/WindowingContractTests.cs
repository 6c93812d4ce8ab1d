using Microsoft.ML;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Tests.Windowing;

/// <summary>
/// The windowing as an ML.NET component: the estimator checks its options when made and its input when fitted, the
/// transformer says it is not row-to-row and cannot be saved in an ML.NET model (and what to do instead), and numeric
/// group and timestamp columns of every scalar type window alike.
/// </summary>
[TestClass]
public sealed class WindowingContractTests
{
    private static readonly MLContext Ml = new(seed: 1);

    public sealed class Sample
    {
        public float X { get; set; }
        public int Subject { get; set; }
        public long Ticks { get; set; }
        public int Step { get; set; }
        public float Time { get; set; }
        public double Seconds { get; set; }
    }

    private sealed class Window
    {
        public float[] Features { get; set; } = [];
    }

    private static IDataView Samples() => Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 24).Select(i => new Sample
    {
        X = i,
        Subject = i < 12 ? 1 : 2,
        Ticks = 20 * i,
        Step = 20 * i,
        Time = i / 50f,
        Seconds = i / 50.0,
    }));

    private static SensorWindowingOptions Options(string time) => new()
    {
        WindowLength = 4,
        Step = 4,
        ChannelColumnNames = ["X"],
        GroupColumnNames = ["Subject"],
        TimestampColumnName = time,
        Resample = false,
    };

    [TestMethod]
    public void The_estimator_checks_its_options_when_made_and_its_input_when_fitted()
    {
        StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentException>(() => Ml.Transforms.WindowSensorSamples(new SensorWindowingOptions { ChannelColumnNames = ["X"] })).Message,
            "Invalid option 'Window.Length'");
        var estimator = Ml.Transforms.WindowSensorSamples(new SensorWindowingOptions { WindowLength = 4, ChannelColumnNames = ["X", "Y"] });
        StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentException>(() => estimator.Fit(Samples())).Message, "The samples have no channel column 'Y'");
        Assert.ThrowsExactly<ArgumentNullException>(() => estimator.GetOutputSchema(null!));
    }

    [TestMethod]
    public void The_transformer_is_not_row_to_row_and_says_how_to_save_instead()
    {
        var samples = Samples();
        var transformer = Ml.Transforms.WindowSensorSamples(Options("Seconds")).Fit(samples);
        Assert.IsFalse(transformer.IsRowToRowMapper);
        Assert.AreEqual("Windowing turns many sample rows into one window: it has no row-to-row mapper. Score windows instead.",
            Assert.ThrowsExactly<InvalidOperationException>(() => transformer.GetRowToRowMapper(samples.Schema)).Message);
        using var stream = new MemoryStream();
        var error = Assert.Throws<Exception>(() => Ml.Model.Save(transformer, samples.Schema, stream));
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        StringAssert.Contains(messages, "The windowing transformer cannot be saved in an ML.NET model (it changes the row count");
        StringAssert.Contains(messages, "as a model bundle with HarModelBundle.Save, which scores raw logs.");
    }

    private static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            yield return e;
    }

    [TestMethod]
    public void Integer_and_single_precision_group_and_time_columns_window_as_double_ones_do()
    {
        float[][] Windows(string time) => [.. Ml.Data.CreateEnumerable<Window>(Ml.Data.WindowSensorSamples(Samples(), Options(time)), reuseRowObject: false).Select(w => w.Features)];
        var seconds = Windows("Seconds");
        Assert.HasCount(6, seconds, "three windows per subject");
        foreach (var time in new[] { "Time", "Ticks", "Step" })
        {
            var other = Windows(time);
            Assert.HasCount(seconds.Length, other, time);
            for (var i = 0; i < seconds.Length; i++)
                CollectionAssert.AreEqual(seconds[i], other[i], $"{time}: window {i}");
        }
    }
}
