using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Normalization;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests;

/// <summary>
/// For every estimator of the library, <c>GetOutputSchema(input shape)</c> is the shape of <c>Fit(data).Transform(data)</c>,
/// and a missing or mistyped input column is an error naming it.
/// </summary>
[TestClass]
public sealed class EstimatorSchemaTests
{
    private static readonly MLContext Ml = new(seed: 1);

    public sealed class Sample
    {
        public float X { get; set; }
        public float Y { get; set; }
        public string Activity { get; set; } = "";
        public string Subject { get; set; } = "";
        public double Time { get; set; }
        public int Extra { get; set; }
    }

    private static IDataView Samples() => Ml.Data.LoadFromEnumerable(Enumerable.Range(0, 40).Select(i => new Sample
    {
        X = i,
        Y = -i,
        Activity = i < 20 ? "a" : "b",
        Subject = i < 30 ? "s1" : "s2",
        Time = i / 50.0,
        Extra = i,
    }));

    private static SensorWindowingOptions Windowing(string? time, string[]? channels = null, string? vector = null) => new()
    {
        ChannelColumnNames = channels ?? ["X", "Y"],
        ChannelVectorColumnName = vector,
        WindowLength = 4,
        Step = 2,
        LabelColumnName = "Activity",
        GroupColumnNames = ["Subject"],
        TimestampColumnName = time,
    };

    private static void AssertExact<T>(IEstimator<T> estimator, IDataView data, string name) where T : ITransformer =>
        SchemaShapeAssert.Matches(estimator.GetOutputSchema(SchemaShapes.ShapeOf(data.Schema)), estimator.Fit(data).Transform(data).Schema, name);

    [TestMethod]
    [DataRow(null)]
    [DataRow("Time")]
    public void Windowing_predicts_its_output_schema(string? time) =>
        AssertExact(Ml.Transforms.WindowSensorSamples(Windowing(time)), Samples(), $"windowing (timestamp {time ?? "none"})");

    [TestMethod]
    public void Windowing_a_channel_vector_predicts_its_output_schema()
    {
        var vectors = Ml.Transforms.Concatenate("Channels", "X", "Y").Fit(Samples()).Transform(Samples());
        AssertExact(Ml.Transforms.WindowSensorSamples(Windowing(null, channels: [], vector: "Channels")), vectors, "windowing a vector");
    }

    [TestMethod]
    public void Normalisation_predicts_its_output_schema()
    {
        var windows = Ml.Data.WindowSensorSamples(Samples(), Windowing("Time"));
        AssertExact(Ml.Transforms.NormalizeSensorChannels("Features"), windows, "normalisation");
    }

    [TestMethod]
    public void Batched_scoring_predicts_its_output_schema()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c9-t128-k6");
        var onnx = fixture.OnnxModel(Enumerable.Range(0, fixture.Classes).Select(i => $"c{i}").ToArray());
        var windows = WindowRows.Load(Ml, new float[3 * fixture.Window * fixture.Channels], fixture.Window, fixture.Channels);
        AssertExact(Ml.Transforms.ScoreHarWindowsBatched(onnx), windows, "batched scoring");
    }

    [TestMethod]
    [DataRow("X", "channel column 'X'")]
    [DataRow("Activity", "label column 'Activity'")]
    [DataRow("Subject", "group column 'Subject'")]
    [DataRow("Time", "timestamp column 'Time'")]
    public void Windowing_names_a_missing_input_column(string dropped, string message)
    {
        var input = Ml.Transforms.DropColumns(dropped).GetOutputSchema(SchemaShapes.ShapeOf(Samples().Schema));
        var error = Assert.ThrowsExactly<ArgumentException>(() => Ml.Transforms.WindowSensorSamples(Windowing("Time")).GetOutputSchema(input));
        StringAssert.Contains(error.Message, message);
    }

    [TestMethod]
    public void Windowing_names_a_mistyped_channel_column()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() =>
            Ml.Transforms.WindowSensorSamples(Windowing(null, channels: ["X", "Activity"])).GetOutputSchema(SchemaShapes.ShapeOf(Samples().Schema)));
        StringAssert.Contains(error.Message, "Channel column 'Activity' must be a float or double scalar");
    }

    [TestMethod]
    public void Normalisation_names_a_missing_or_mistyped_window_column()
    {
        var samples = SchemaShapes.ShapeOf(Samples().Schema);
        var missing = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Ml.Transforms.NormalizeSensorChannels("Features").GetOutputSchema(samples));
        StringAssert.Contains(missing.Message, "no window column 'Features'");
        var mistyped = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            Ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions { ColumnName = "X" }).GetOutputSchema(samples));
        StringAssert.Contains(mistyped.Message, "Column 'X' must be Vector<Single, T, C>");
    }

    /// <summary>The simple-parameter catalog overloads configure the same estimators as their Options overloads.</summary>
    [TestMethod]
    public void Simple_overloads_equal_their_options_overloads()
    {
        var samples = Samples();
        var simple = Ml.Transforms.WindowSensorSamples("Features", ["X", "Y"], windowLength: 4, labelColumnName: "Activity", groupColumnName: "Subject", step: 2);
        var full = Ml.Transforms.WindowSensorSamples(Windowing(null));
        var (a, b) = (simple.Fit(samples).Transform(samples), full.Fit(samples).Transform(samples));
        CollectionAssert.AreEqual(b.GetColumn<float[]>("Features").SelectMany(v => v).ToArray(), a.GetColumn<float[]>("Features").SelectMany(v => v).ToArray());
        CollectionAssert.AreEqual(b.GetColumn<string>("Activity").ToArray(), a.GetColumn<string>("Activity").ToArray());

        var normalized = Ml.Transforms.NormalizeSensorChannels("Features").Fit(a).Transform(a).GetColumn<float[]>("Features").SelectMany(v => v).ToArray();
        var expected = Ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions()).Fit(a).Transform(a).GetColumn<float[]>("Features").SelectMany(v => v).ToArray();
        CollectionAssert.AreEqual(expected, normalized);

        var fixture = GoldenFixture.Load("tinierhar-random-c9-t128-k6");
        var onnx = fixture.OnnxModel(Enumerable.Range(0, fixture.Classes).Select(i => $"c{i}").ToArray());
        var random = new Random(3);
        var windows = WindowRows.Load(Ml, Enumerable.Range(0, 5 * fixture.Window * fixture.Channels).Select(_ => (float)random.NextDouble()).ToArray(), fixture.Window, fixture.Channels);
        var batched = Ml.Transforms.ScoreHarWindowsBatched(onnx, "Features", batchSize: 2).Fit(windows).Transform(windows).GetColumn<float[]>("Score").SelectMany(v => v).ToArray();
        var viaOptions = Ml.Transforms.ScoreHarWindowsBatched(onnx, new BatchedHarScoringOptions { BatchSize = 2 }).Fit(windows).Transform(windows).GetColumn<float[]>("Score").SelectMany(v => v).ToArray();
        CollectionAssert.AreEqual(viaOptions, batched);
    }
}
