using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Tests.Windowing;

[TestClass]
public sealed class SensorWindowingTests
{
    public TestContext TestContext { get; set; } = null!;

    public sealed class Sample
    {
        public float X { get; set; }
        public float Y { get; set; }
        public string Activity { get; set; } = "";
        public string Subject { get; set; } = "s1";
        public double Time { get; set; }
    }

    private sealed class Window
    {
        public float[] Features { get; set; } = [];
        public string Activity { get; set; } = "";
        public string Subject { get; set; } = "";
        public long FirstSampleIndex { get; set; }
        public long LastSampleIndex { get; set; }
    }

    private static readonly MLContext Ml = new(seed: 1);

    /// <summary>Samples with X = row index, Y = −row index, the given labels, one subject, 50 Hz timestamps.</summary>
    private static List<Sample> Samples(string labels, string subject = "s1", int offset = 0) =>
        labels.Select((l, i) => new Sample { X = offset + i, Y = -(offset + i), Activity = l.ToString(), Subject = subject, Time = (offset + i) / 50.0 }).ToList();

    private static SensorWindowingOptions Options(int t = 4, int step = 2) => new()
    {
        ChannelColumnNames = ["X", "Y"],
        WindowLength = t,
        Step = step,
        LabelColumnName = "Activity",
        GroupColumnNames = ["Subject"],
    };

    private static (List<Window> Windows, WindowingReport Report) Run(IEnumerable<Sample> samples, SensorWindowingOptions options)
    {
        var view = Ml.Data.WindowSensorSamples(Ml.Data.LoadFromEnumerable(samples), options);
        var windows = Ml.Data.CreateEnumerable<Window>(view, reuseRowObject: false).ToList();
        return (windows, view.LastReport!);
    }

    [TestMethod]
    public void Windows_and_majority_labels_equal_the_hand_computed_case()
    {
        // a a a b b b b c c c with T 4, step 2: starts 0, 2, 4, 6 → a (aaab), b (abbb), b (bbbc), c (bccc).
        var (windows, report) = Run(Samples("aaabbbbccc"), Options());

        CollectionAssert.AreEqual(new[] { "a", "b", "b", "c" }, windows.Select(w => w.Activity).ToArray());
        CollectionAssert.AreEqual(new long[] { 0, 2, 4, 6 }, windows.Select(w => w.FirstSampleIndex).ToArray());
        CollectionAssert.AreEqual(new long[] { 3, 5, 7, 9 }, windows.Select(w => w.LastSampleIndex).ToArray());
        CollectionAssert.AreEqual(new float[] { 2, -2, 3, -3, 4, -4, 5, -5 }, windows[1].Features, "time-major: (t0 x, t0 y, t1 x, …)");
        Assert.AreEqual(new WindowingReport { RowsRead = 10, RowsInWindows = 10, WindowsProduced = 4, RowsNotCovered = 0, Segments = 1 }, report);
    }

    [TestMethod]
    public void Majority_ties_go_to_the_label_first_in_key_order()
    {
        var keyed = Ml.Transforms.Conversion.MapValueToKey("Label", "Activity", keyData: Ml.Data.LoadFromEnumerable(new[] { "b", "a" }.Select(v => new KeyRow { Value = v })))
            .Fit(Ml.Data.LoadFromEnumerable(Samples("aabb"))).Transform(Ml.Data.LoadFromEnumerable(Samples("aabb")));
        var options = Options();
        options.LabelColumnName = "Label";
        var view = Ml.Data.WindowSensorSamples(keyed, options);
        var labels = view.GetColumn<uint>("Label").ToArray();
        CollectionAssert.AreEqual(new uint[] { 1 }, labels, "key 1 is 'b': the tie a/b goes to b, first in key order");

        var (text, _) = Run(Samples("bbaa"), Options());
        Assert.AreEqual("a", text.Single().Activity, "text labels: ties go to the ordinally first");
    }

    private sealed class KeyRow
    {
        public string Value { get; set; } = "";
    }

    [TestMethod]
    public void Windows_never_cross_a_group_and_short_groups_are_counted()
    {
        // s1: 5 rows → one window (rows 0–3), row 4 left; s2: 3 rows < T; s3: 6 rows → windows at 8 and 10.
        var samples = Samples("aaaaa", "s1").Concat(Samples("bbb", "s2", 5)).Concat(Samples("cccccc", "s3", 8)).ToList();
        var (windows, report) = Run(samples, Options());

        CollectionAssert.AreEqual(new[] { "s1", "s3", "s3" }, windows.Select(w => w.Subject).ToArray());
        CollectionAssert.AreEqual(new long[] { 0, 8, 10 }, windows.Select(w => w.FirstSampleIndex).ToArray());
        Assert.AreEqual(new WindowingReport { RowsRead = 14, RowsInWindows = 10, WindowsProduced = 3, RowsNotCovered = 4, RowsInShortSegments = 3, RowsInTails = 1, Segments = 3, SegmentsShorterThanWindow = 1 }, report);

        var aligned = Options();
        aligned.IncompleteTail = IncompleteTailPolicy.AlignToEnd;
        var (withTail, tailReport) = Run(samples, aligned);
        CollectionAssert.AreEqual(new long[] { 0, 1, 8, 10 }, withTail.Select(w => w.FirstSampleIndex).ToArray(), "s1's tail window ends at its last row");
        Assert.AreEqual(3, tailReport.RowsNotCovered, "only s2's three rows");
    }

    [TestMethod]
    public void A_timestamp_gap_splits_the_segment()
    {
        var samples = Samples("aaaaaaaaaa");
        for (var i = 5; i < samples.Count; i++)
            samples[i].Time += 0.1; // 5 intervals missing between rows 4 and 5
        var options = Options();
        options.TimestampColumnName = "Time";
        options.SamplingRateHz = 50;
        var (windows, report) = Run(samples, options);

        CollectionAssert.AreEqual(new long[] { 0, 5 }, windows.Select(w => w.FirstSampleIndex).ToArray());
        Assert.AreEqual(1, report.Gaps);
        Assert.AreEqual(2, report.Segments);
        Assert.AreEqual(2, report.RowsNotCovered, "rows 4 and 9 are tails");
    }

    [TestMethod]
    public void Dropped_labels_act_on_whole_windows_after_the_vote()
    {
        var options = Options();
        options.DropLabels = ["b"];
        var (windows, report) = Run(Samples("aaabbbbccc"), options);

        CollectionAssert.AreEqual(new[] { "a", "c" }, windows.Select(w => w.Activity).ToArray());
        Assert.IsTrue(windows[0].Features.Contains(3f), "the kept window 'a' still holds the b sample at row 3");
        Assert.AreEqual(2, report.WindowsDroppedByLabel);
        Assert.AreEqual(report.RowsRead, 8 + report.RowsNotCovered, "rows in = rows covered + rows not covered");
    }

    [TestMethod]
    public void Last_and_centre_policies_and_windows_in_seconds()
    {
        var last = Options();
        last.LabelPolicy = WindowLabelPolicy.Last;
        Assert.AreEqual("b", Run(Samples("aaab"), last).Windows.Single().Activity);

        var centre = Options();
        centre.LabelPolicy = WindowLabelPolicy.Centre;
        Assert.AreEqual("c", Run(Samples("abcd"), centre).Windows.Single().Activity, "index T/2 = 2");

        var seconds = Options(t: 0, step: 0);
        seconds.WindowSeconds = 0.08;
        seconds.SamplingRateHz = 50;
        var (windows, _) = Run(Samples("aaaaaaaaaa"), seconds);
        Assert.AreEqual(4, windows[0].Features.Length / 2, "0.08 s at 50 Hz = 4 samples");
        CollectionAssert.AreEqual(new long[] { 0, 2, 4, 6 }, windows.Select(w => w.FirstSampleIndex).ToArray(), "default step: 50 % overlap");
    }

    private sealed class VectorSample
    {
        [VectorType(3)]
        public float[] Channels { get; set; } = [];
    }

    [TestMethod]
    public void A_channel_vector_column_works_and_the_window_type_is_T_by_C()
    {
        var rows = Enumerable.Range(0, 6).Select(i => new VectorSample { Channels = [i, i * 10, i * 100] });
        var view = Ml.Data.WindowSensorSamples(Ml.Data.LoadFromEnumerable(rows), new SensorWindowingOptions { ChannelVectorColumnName = "Channels", WindowLength = 3, Step = 3 });

        var type = (VectorDataViewType)view.Schema["Features"].Type;
        CollectionAssert.AreEqual(new[] { 3, 3 }, type.Dimensions.ToArray());
        var second = view.GetColumn<float[]>("Features").ToArray()[1];
        CollectionAssert.AreEqual(new float[] { 3, 30, 300, 4, 40, 400, 5, 50, 500 }, second);
    }

    [TestMethod]
    public void Bad_samples_get_errors_with_the_row()
    {
        var nan = Samples("aaaaaa");
        nan[4].Y = float.NaN;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Run(nan, Options())).Message, "Row 4: channel 'Y' is NaN");

        var unsorted = Samples("aaaaaa");
        unsorted[3].Time = 0;
        var timed = Options();
        timed.TimestampColumnName = "Time";
        timed.OutOfOrderTimestamps = OutOfOrderTimestampPolicy.Error;
        timed.RepeatedTimestamps = RepeatedTimestampPolicy.Error;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Run(unsorted, timed)).Message,
            "row 3, column 'Time' (recording s1): timestamp 0 s is earlier than the previous sample's 0.04 s");
        var repeated = Samples("aaaaaa");
        repeated[4].Time = repeated[3].Time;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Run(repeated, timed)).Message, "row 4, column 'Time' (recording s1): timestamp 0.06 s repeats the previous sample's");

        var missing = Options();
        missing.ChannelColumnNames = ["X", "Z"];
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Run(Samples("aaaa"), missing)).Message, "no channel column 'Z'");

        var noWindow = Options(t: 0, step: 0);
        Assert.AreEqual($"{nameof(SensorWindowingOptions.Window)}.{nameof(WindowSpec.Length)}", Assert.ThrowsExactly<ArgumentException>(() => Run(Samples("aaaa"), noWindow)).ParamName);
    }

    [TestMethod]
    public void Invalid_values_are_interpolated_within_groups_when_asked()
    {
        // s1: X = 0 NaN NaN 3 (linear → 1, 2), Y leading NaN held from the first finite; s2: trailing NaN holds the last value.
        var samples = Samples("aaaa", "s1").Concat(Samples("bbbb", "s2", 4)).ToList();
        samples[1].X = float.NaN;
        samples[2].X = float.PositiveInfinity;
        samples[0].Y = float.NaN;
        samples[7].X = float.NaN;
        var options = Options(t: 4, step: 4);
        options.InvalidValues = InvalidValuePolicy.Interpolate;
        var (windows, report) = Run(samples, options);

        CollectionAssert.AreEqual(new float[] { 0, -1, 1, -1, 2, -2, 3, -3 }, windows[0].Features, "s1: X interpolated by position, Y held at the start");
        CollectionAssert.AreEqual(new float[] { 4, -4, 5, -5, 6, -6, 6, -7 }, windows[1].Features, "s2: the last X holds 6; nothing from s1 leaks in");
        Assert.AreEqual(4, report.ValuesInterpolated);

        // A group that ends in invalid values and the next that starts with them: each held within its own group.
        var boundary = Samples("aaaa", "s1").Concat(Samples("bbbb", "s2", 4)).ToList();
        (boundary[3].X, boundary[4].X) = (float.NaN, float.NaN);
        var (held, heldReport) = Run(boundary, options);
        CollectionAssert.AreEqual(new float[] { 0, 1, 2, 2 }, held[0].Features.Where((_, i) => i % 2 == 0).ToArray(), "s1's last X holds 2");
        CollectionAssert.AreEqual(new float[] { 5, 5, 6, 7 }, held[1].Features.Where((_, i) => i % 2 == 0).ToArray(), "s2's first X holds 5, not a value between the groups");
        Assert.AreEqual(2, heldReport.ValuesInterpolated);

        var hopeless = Samples("aaaa");
        foreach (var sample in hopeless) sample.Y = float.NaN;
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Run(hopeless, options)).Message, "channel 'Y' has no finite value");
    }

    [TestMethod]
    public void A_log_at_another_rate_is_resampled_when_asked()
    {
        // 75 Hz → 50 Hz: output sample k lies at input position 1.5 k; X = position, so X = 1.5 k exactly; times k / 50.
        var samples = Samples("aaaaaaaaaaaa", "s1").Concat(Samples("bbbbbbbbbbbb", "s2", 12)).ToList();
        foreach (var sample in samples)
            sample.Time = sample.X / 75.0;
        var options = Options(t: 4, step: 4);
        options.SamplingRateHz = 50;
        options.InputSamplingRateHz = 75;
        options.TimestampColumnName = "Time";
        var view = Ml.Data.WindowSensorSamples(Ml.Data.LoadFromEnumerable(samples), options);
        var windows = Ml.Data.CreateEnumerable<Window>(view, reuseRowObject: false).ToList();

        // Each subject's 12 samples at 75 Hz become 8 at 50 Hz (positions 0, 1.5, …, 10.5): two windows of 4.
        Assert.HasCount(4, windows);
        CollectionAssert.AreEqual(new float[] { 0, 1.5f, 3, 4.5f }, windows[0].Features.Where((_, i) => i % 2 == 0).ToArray());
        CollectionAssert.AreEqual(new float[] { 12, 13.5f, 15, 16.5f }, windows[2].Features.Where((_, i) => i % 2 == 0).ToArray(), "s2 starts afresh");
        var times = view.GetColumn<double>("StartTime").ToArray();
        Assert.AreEqual(4 / 50.0, times[1], 1e-9, "timestamps follow the new rate");
    }

    [TestMethod]
    public void A_chain_that_contains_the_windowing_cannot_be_saved_and_says_what_to_do()
    {
        var samples = Ml.Data.LoadFromEnumerable(Samples("aaaabbbb"));
        var model = Ml.Transforms.WindowSensorSamples(Options()).Fit(samples);
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.zip");
        var error = Assert.Throws<Exception>(() => Ml.Model.Save(model, samples.Schema, path));
        StringAssert.Contains(error.ToString(), "Save the chain after it");
        File.Delete(path);
    }

    /// <summary>
    /// Retained memory while windowing a lazily generated input of 100k and 1M rows (the input is never materialised).
    /// Alone, because the managed heap is shared by the tests of this process.
    /// </summary>
    [TestMethod]
    [DoNotParallelize]
    public void Memory_does_not_grow_with_the_input_length()
    {
        static IEnumerable<Sample> Generate(int rows)
        {
            for (var i = 0; i < rows; i++)
                yield return new Sample { X = i % 97, Y = i % 13, Activity = (i / 500 % 3).ToString(CultureInfo.InvariantCulture), Subject = $"s{i / 50_000}", Time = i / 50.0 };
        }

        long PeakRetained(int rows)
        {
            var view = Ml.Data.WindowSensorSamples(Ml.Data.LoadFromEnumerable(Generate(rows)), Options(t: 128, step: 64));
            using var cursor = view.GetRowCursor(view.Schema);
            var getter = cursor.GetGetter<VBuffer<float>>(view.Schema["Features"]);
            VBuffer<float> window = default;
            long peak = 0, windows = 0;
            while (cursor.MoveNext())
            {
                getter(ref window);
                if (++windows % 300 == 0)
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }
            return peak;
        }

        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var small = PeakRetained(100_000) - baseline;
        var large = PeakRetained(1_000_000) - baseline;
        TestContext.WriteLine($"peak retained over baseline: 100k rows {small / 1024.0:F0} KiB, 1M rows {large / 1024.0:F0} KiB");
        Assert.IsLessThan(small + 512 * 1024, large, "ten times the input must not need more memory");
    }
}
