using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Tests.Windowing;

/// <summary>
/// The channel and label columns the windowing reads, in every type it takes: double channels as float ones, a channel
/// vector of known size, unit scales, numeric labels voted by value and key labels dropped by name.
/// </summary>
[TestClass]
public sealed class ChannelAndLabelTypesTests
{
    private static readonly MLContext Ml = new(seed: 1);

    public sealed class FloatSample
    {
        public float A { get; set; }
        public float B { get; set; }
        public int Activity { get; set; }
        public string Name { get; set; } = "";
    }

    public sealed class DoubleSample
    {
        public double A { get; set; }
        public double B { get; set; }
    }

    public sealed class MixedSample
    {
        public float A { get; set; }
        public double B { get; set; }
    }

    public sealed class VectorSample
    {
        [VectorType(2)]
        public float[] Values { get; set; } = [];
    }

    public sealed class VariableVectorSample
    {
        public float[] Values { get; set; } = [];
    }

    /// <summary>16 rows: A = i, B = −i / 4 (exact in float); activities 1, 2, 3, 1 in blocks of 4 rows, named after them.</summary>
    private static FloatSample[] Rows() => Enumerable.Range(0, 16).Select(i => new FloatSample
    {
        A = i,
        B = -i / 4f,
        Activity = new[] { 1, 2, 3, 1 }[i / 4],
        Name = new[] { "sit", "walk", "run", "sit" }[i / 4],
    }).ToArray();

    private static float[][] Features(IDataView samples, SensorWindowingOptions options) =>
        Ml.Data.WindowSensorSamples(samples, options).GetColumn<float[]>("Features").ToArray();

    private static SensorWindowingOptions Options(params string[] channels) => new() { WindowLength = 4, Step = 4, ChannelColumnNames = channels };

    [TestMethod]
    public void Double_channel_columns_window_as_float_ones_and_mixed_ones_are_refused()
    {
        var rows = Rows();
        var floats = Features(Ml.Data.LoadFromEnumerable(rows), Options("A", "B"));
        var doubles = Features(Ml.Data.LoadFromEnumerable(rows.Select(r => new DoubleSample { A = r.A, B = r.B })), Options("A", "B"));
        Assert.HasCount(4, floats);
        CollectionAssert.AreEqual(new[] { 4f, -1f, 5f, -1.25f, 6f, -1.5f, 7f, -1.75f }, floats[1], "time-major, channels interleaved");
        CollectionAssert.AreEqual(floats.SelectMany(w => w).ToArray(), doubles.SelectMany(w => w).ToArray());

        var mixed = Ml.Data.LoadFromEnumerable(rows.Select(r => new MixedSample { A = r.A, B = r.B }));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Features(mixed, Options("A", "B"))).Message, "Channel columns must all be float or all be double.");
    }

    [TestMethod]
    public void Channel_scales_convert_each_channel_before_windowing()
    {
        var options = Options("A", "B");
        options.ChannelScales = [2f, -4f];
        var scaled = Features(Ml.Data.LoadFromEnumerable(Rows()), options);
        CollectionAssert.AreEqual(new[] { 8f, 4f, 10f, 5f, 12f, 6f, 14f, 7f }, scaled[1]);
    }

    [TestMethod]
    public void A_channel_vector_windows_as_its_columns_and_must_have_a_known_size()
    {
        var rows = Rows();
        var vectors = Ml.Data.LoadFromEnumerable(rows.Select(r => new VectorSample { Values = [r.A, r.B] }));
        var fromVector = Features(vectors, new SensorWindowingOptions { WindowLength = 4, Step = 4, ChannelVectorColumnName = "Values" });
        CollectionAssert.AreEqual(Features(Ml.Data.LoadFromEnumerable(rows), Options("A", "B")).SelectMany(w => w).ToArray(), fromVector.SelectMany(w => w).ToArray());

        var variable = Ml.Data.LoadFromEnumerable(rows.Select(r => new VariableVectorSample { Values = [r.A, r.B] }));
        var error = Assert.ThrowsExactly<ArgumentException>(() => Features(variable, new SensorWindowingOptions { WindowLength = 4, Step = 4, ChannelVectorColumnName = "Values" }));
        StringAssert.Contains(error.Message, "Channel vector column 'Values' must be a known-size float vector; it is Vector<Single>.");
    }

    [TestMethod]
    public void Numeric_labels_are_voted_by_value()
    {
        var options = Options("A");
        options.LabelColumnName = "Activity";
        var labels = Ml.Data.WindowSensorSamples(Ml.Data.LoadFromEnumerable(Rows()), options).GetColumn<int>("Activity").ToArray();
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 1 }, labels);
    }

    [TestMethod]
    public void Key_labels_are_dropped_by_their_names()
    {
        var samples = Ml.Data.LoadFromEnumerable(Rows());
        var keyed = Ml.Transforms.Conversion.MapValueToKey("Label", "Name").Fit(samples).Transform(samples);
        var options = Options("A");
        (options.LabelColumnName, options.DropLabels) = ("Label", ["sit"]);
        var windows = Ml.Data.WindowSensorSamples(keyed, options);
        var names = Ml.Transforms.Conversion.MapKeyToValue("LabelName", "Label").Fit(windows).Transform(windows).GetColumn<string>("LabelName").ToArray();
        CollectionAssert.AreEqual(new[] { "walk", "run" }, names, "the two 'sit' windows dropped by name, the key kept for the others");
    }

    public sealed class TypedSample<TValue, TTime>
    {
        public float A { get; set; }
        public TValue Group { get; set; } = default!;
        public TValue Label { get; set; } = default!;
        public TTime Time { get; set; } = default!;
        public bool Flag { get; set; }
    }

    /// <summary>
    /// Group and label columns of every type the windowing takes come out of each window with the value they had, through
    /// the plain windowing, the time grid (timestamps of each numeric type) and the interpolating stage; a group change
    /// ends a window.
    /// </summary>
    [TestMethod]
    public void Group_and_label_values_of_every_type_pass_through_every_stage()
    {
        AssertValuesPassThrough(g => g + 7, i => i * 20, timestamped: true);
        AssertValuesPassThrough(g => (1L << 40) + g, i => (long)i * 20, timestamped: true);
        AssertValuesPassThrough(g => (uint)g + 3u, i => i * 0.02f, timestamped: true);
        AssertValuesPassThrough(g => g + 0.5f, i => i * 0.02, timestamped: true);
        AssertValuesPassThrough(g => g - 0.25, i => i * 0.02, timestamped: false);
        AssertValuesPassThrough(g => $"g{g}", i => i * 0.02, timestamped: true);
        AssertValuesPassThrough(g => $"g{g}", i => i * 0.02, timestamped: false);
    }

    private static void AssertValuesPassThrough<TValue, TTime>(Func<int, TValue> value, Func<int, TTime> time, bool timestamped)
    {
        // Two groups of 32 samples at 50 Hz; windows of 16 with a step of 8: three per group, seven if groups were ignored.
        var rows = Enumerable.Range(0, 64).Select(i => new TypedSample<TValue, TTime> { A = i, Group = value(i / 32), Label = value(i / 32), Time = time(i) }).ToArray();
        var samples = Ml.Data.LoadFromEnumerable(rows);
        foreach (var invalid in new[] { InvalidValuePolicy.Error, InvalidValuePolicy.Interpolate })
        {
            var options = new SensorWindowingOptions
            {
                WindowLength = 16,
                Step = 8,
                SamplingRateHz = 50,
                ChannelColumnNames = ["A"],
                GroupColumnNames = ["Group"],
                LabelColumnName = "Label",
                TimestampColumnName = timestamped ? "Time" : null,
                InvalidValues = invalid,
            };
            var windows = Ml.Data.WindowSensorSamples(samples, options);
            var name = $"{typeof(TValue).Name} values, {(timestamped ? typeof(TTime).Name + " timestamps" : "no timestamps")}, {invalid}";
            var expected = new[] { 0, 0, 0, 1, 1, 1 }.Select(value).ToArray();
            CollectionAssert.AreEqual(expected, windows.GetColumn<TValue>("Group").ToArray(), name);
            CollectionAssert.AreEqual(expected, windows.GetColumn<TValue>("Label").ToArray(), name);
            CollectionAssert.AreEqual(new[] { 0f, 8f, 16f, 32f, 40f, 48f }, windows.GetColumn<float[]>("Features").Select(w => w[0]).ToArray(), name);
        }
    }

    [TestMethod]
    public void Key_groups_pass_through_and_a_column_of_another_type_is_refused_by_name()
    {
        var rows = Enumerable.Range(0, 64).Select(i => new TypedSample<string, double> { A = i, Group = $"g{i / 32}", Label = "x", Time = i * 0.02, Flag = i % 2 == 0 }).ToArray();
        var samples = Ml.Data.LoadFromEnumerable(rows);
        var keyed = Ml.Transforms.Conversion.MapValueToKey("Group").Fit(samples).Transform(samples);
        var options = new SensorWindowingOptions { WindowLength = 16, Step = 8, SamplingRateHz = 50, ChannelColumnNames = ["A"], GroupColumnNames = ["Group"], TimestampColumnName = "Time" };
        CollectionAssert.AreEqual(new uint[] { 1, 1, 1, 2, 2, 2 }, Ml.Data.WindowSensorSamples(keyed, options).GetColumn<uint>("Group").ToArray());

        options.GroupColumnNames = ["Flag"];
        var error = Assert.ThrowsExactly<ArgumentException>(() => Ml.Data.WindowSensorSamples(samples, options).GetColumn<bool>("Flag").ToArray());
        StringAssert.Contains(error.Message, "Column 'Flag' has type Boolean; windowing reads text, integer, key, float or double columns.");
    }

    public sealed class TimedDoubleSample
    {
        public double A { get; set; }
        public double B { get; set; }
        public double Time { get; set; }
    }

    public sealed class TimedVectorSample
    {
        [VectorType(2)]
        public float[] Values { get; set; } = [];
        public double Time { get; set; }
    }

    /// <summary>
    /// Double channels, a channel vector and channel scales read the same through the time grid and the interpolating
    /// stage as without timestamps (the timestamps here are exactly uniform, so the grid is the samples themselves).
    /// </summary>
    [TestMethod]
    public void Double_vector_and_scaled_channels_window_alike_through_the_time_stages()
    {
        var rows = Rows();
        var plain = Features(Ml.Data.LoadFromEnumerable(rows), Options("A", "B"));
        var doubles = Ml.Data.LoadFromEnumerable(rows.Select((r, i) => new TimedDoubleSample { A = r.A, B = r.B, Time = i / 50.0 }));
        var vectors = Ml.Data.LoadFromEnumerable(rows.Select((r, i) => new TimedVectorSample { Values = [r.A, r.B], Time = i / 50.0 }));
        foreach (var invalid in new[] { InvalidValuePolicy.Error, InvalidValuePolicy.Interpolate })
        {
            SensorWindowingOptions Timed(SensorWindowingOptions options)
            {
                (options.SamplingRateHz, options.TimestampColumnName, options.InvalidValues) = (50, "Time", invalid);
                return options;
            }
            CollectionAssert.AreEqual(plain.SelectMany(w => w).ToArray(), Features(doubles, Timed(Options("A", "B"))).SelectMany(w => w).ToArray(), $"double channels, {invalid}");
            CollectionAssert.AreEqual(plain.SelectMany(w => w).ToArray(),
                Features(vectors, Timed(new SensorWindowingOptions { WindowLength = 4, Step = 4, ChannelVectorColumnName = "Values" })).SelectMany(w => w).ToArray(), $"a channel vector, {invalid}");
            var scaled = Timed(Options("A", "B"));
            scaled.ChannelScales = [2f, -4f];
            CollectionAssert.AreEqual(plain.SelectMany(w => w.Select((v, i) => v * (i % 2 == 0 ? 2f : -4f))).ToArray(), Features(doubles, scaled).SelectMany(w => w).ToArray(), $"scaled channels, {invalid}");
        }
    }
}
