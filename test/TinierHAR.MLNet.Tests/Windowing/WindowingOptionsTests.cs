using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Tests.Windowing;

/// <summary>
/// The windowing's options on their own: how a window spec resolves its length and step, each rule of its validation
/// and of the estimator's (the error names the option and says the rule), its JSON and equality, the tool's time
/// settings applied to a spec, and the report's one-line summary.
/// </summary>
[TestClass]
public sealed class WindowingOptionsTests
{
    /// <summary>A spec with every field set away from its default.</summary>
    private static readonly WindowSpec EveryFieldSet = new()
    {
        Length = 128,
        Seconds = 2.56,
        Step = 32,
        Overlap = 0.75,
        SamplingRateHz = 50,
        LabelPolicy = WindowLabelPolicy.Last,
        DropLabels = ["null"],
        IncompleteTail = IncompleteTailPolicy.AlignToEnd,
        GapToleranceSeconds = 1.5,
        TimestampUnit = TimestampUnit.Milliseconds,
        RepeatedTimestamps = RepeatedTimestampPolicy.Drop,
        OutOfOrderTimestamps = OutOfOrderTimestampPolicy.Error,
        InvalidValues = InvalidValuePolicy.Interpolate,
        Resample = false,
    };

    private static string Error(Action validate) => Assert.ThrowsExactly<ArgumentException>(validate).Message;

    [TestMethod]
    public void A_window_resolves_its_length_from_samples_or_from_seconds_at_a_rate()
    {
        Assert.AreEqual(100, new WindowSpec { Length = 100, Seconds = 9, SamplingRateHz = 50 }.ResolvedLength, "samples win over seconds");
        Assert.AreEqual(128, new WindowSpec { Seconds = 2.56, SamplingRateHz = 50 }.ResolvedLength);
        Assert.AreEqual(26, new WindowSpec { Seconds = 0.512, SamplingRateHz = 50 }.ResolvedLength, "25.6 samples, rounded to the nearest");
        Assert.AreEqual(0, new WindowSpec { Seconds = 2 }.ResolvedLength, "seconds without a rate");
        Assert.AreEqual(0, new WindowSpec { SamplingRateHz = 50 }.ResolvedLength, "a rate without seconds");
    }

    [TestMethod]
    public void A_window_resolves_its_step_from_samples_or_overlap_and_never_below_one()
    {
        Assert.AreEqual(10, new WindowSpec { Length = 128, Step = 10, Overlap = 0.9 }.ResolvedStep, "samples win over the overlap");
        Assert.AreEqual(32, new WindowSpec { Length = 128, Overlap = 0.75 }.ResolvedStep);
        Assert.AreEqual(128, new WindowSpec { Length = 128, Overlap = 0 }.ResolvedStep);
        Assert.AreEqual(1, new WindowSpec { Length = 10, Overlap = 0.99 }.ResolvedStep, "at least one sample");
        Assert.AreEqual(64, new WindowSpec { Length = 128 }.ResolvedStep, "half a window by default");
        Assert.AreEqual(1, new WindowSpec { Length = 1 }.ResolvedStep, "at least one sample by default too");
    }

    [TestMethod]
    public void Each_rule_of_a_window_spec_names_its_option()
    {
        new WindowSpec { Length = 128, Step = 0, Overlap = 0, SamplingRateHz = 50, GapToleranceSeconds = 1 }.Validate();
        Assert.AreEqual("Invalid option 'Window.Length': set a window length in samples, or seconds and a sampling rate. (Parameter 'Window.Length')",
            Error(() => new WindowSpec().Validate()));
        StringAssert.StartsWith(Error(() => new WindowSpec { Length = 8, Step = -1 }.Validate()), "Invalid option 'Window.Step': the step must not be negative (got -1).");
        StringAssert.StartsWith(Error(() => new WindowSpec { Length = 8, Overlap = 1 }.Validate()), "Invalid option 'Window.Overlap': the overlap must lie in [0, 1) (got 1).");
        StringAssert.StartsWith(Error(() => new WindowSpec { Length = 8, Overlap = -0.1 }.Validate()), "Invalid option 'Window.Overlap'");
        StringAssert.StartsWith(Error(() => new WindowSpec { Length = 8, SamplingRateHz = 0 }.Validate()), "Invalid option 'Window.SamplingRateHz': the sampling rate must be positive.");
        StringAssert.StartsWith(Error(() => new WindowSpec { Length = 8, TimestampUnit = TimestampUnit.DateTime }.Validate()), "Invalid option 'Window.TimestampUnit': windowing reads numeric timestamps;");
        StringAssert.StartsWith(Error(() => new WindowSpec { Length = 8, GapToleranceSeconds = 0 }.Validate()), "Invalid option 'Window.GapToleranceSeconds': the gap tolerance must be positive.");
    }

    [TestMethod]
    public void A_window_spec_round_trips_through_json_and_equals_only_its_twin()
    {
        var spec = EveryFieldSet;
        var json = spec.ToJson();
        StringAssert.Contains(json, "\"LabelPolicy\": \"Last\"", "enums by name");
        var back = WindowSpec.FromJson(json);
        Assert.AreEqual(spec, back);
        Assert.AreEqual(spec.GetHashCode(), back.GetHashCode());
        Assert.ThrowsExactly<System.Text.Json.JsonException>(() => WindowSpec.FromJson("null"));

        WindowSpec[] others =
        [
            spec with { Length = 64 }, spec with { Seconds = 1 }, spec with { Step = 16 }, spec with { Overlap = 0.5 }, spec with { SamplingRateHz = 100 },
            spec with { LabelPolicy = WindowLabelPolicy.Majority }, spec with { IncompleteTail = IncompleteTailPolicy.Drop }, spec with { GapToleranceSeconds = 2 },
            spec with { TimestampUnit = TimestampUnit.Seconds }, spec with { RepeatedTimestamps = RepeatedTimestampPolicy.Mean },
            spec with { OutOfOrderTimestamps = OutOfOrderTimestampPolicy.Drop }, spec with { InvalidValues = InvalidValuePolicy.Error }, spec with { Resample = true },
            spec with { DropLabels = ["NULL"] }, spec with { DropLabels = [] },
        ];
        foreach (var other in others)
            Assert.AreNotEqual(spec, other, other.ToJson());
        Assert.IsFalse(spec.Equals(null));
    }

    [TestMethod]
    public void Each_rule_of_the_windowing_options_names_its_option()
    {
        static SensorWindowingOptions Valid() => new() { WindowLength = 8, ChannelColumnNames = ["X", "Y"] };
        Valid().Validate();
        Assert.ThrowsExactly<ArgumentNullException>(() => new SensorWindowingOptions { Window = null!, ChannelColumnNames = ["X"] }.Validate());
        StringAssert.StartsWith(Error(() => new SensorWindowingOptions { WindowLength = 8 }.Validate()), "Invalid option 'ChannelColumnNames': give either channel columns or one channel vector column.");
        StringAssert.StartsWith(Error(() => { var o = Valid(); o.ChannelVectorColumnName = "V"; o.Validate(); }), "Invalid option 'ChannelColumnNames'");
        new SensorWindowingOptions { WindowLength = 8, ChannelVectorColumnName = "V", ChannelScales = [2f] }.Validate();
        StringAssert.StartsWith(Error(() => { var o = Valid(); o.ChannelScales = [2f]; o.Validate(); }), "Invalid option 'ChannelScales': give one finite factor per channel, or none.");
        StringAssert.StartsWith(Error(() => { var o = Valid(); o.ChannelScales = [2f, float.NaN]; o.Validate(); }), "Invalid option 'ChannelScales'");
        var scaled = Valid();
        scaled.ChannelScales = [2f, 0.5f];
        scaled.Validate();
        StringAssert.StartsWith(Error(() => { var o = Valid(); o.InputSamplingRateHz = 100; o.Validate(); }), "Invalid option 'InputSamplingRateHz': resampling needs a positive input rate and the target SamplingRateHz.");
        StringAssert.StartsWith(Error(() => { var o = Valid(); (o.InputSamplingRateHz, o.SamplingRateHz) = (0, 50); o.Validate(); }), "Invalid option 'InputSamplingRateHz'");
        var resampled = Valid();
        (resampled.InputSamplingRateHz, resampled.SamplingRateHz) = (100, 50);
        resampled.Validate();
        StringAssert.StartsWith(Error(() => { var o = Valid(); o.DropLabels = ["null"]; o.Validate(); }), "Invalid option 'DropLabels': labels can only be dropped when a label column is given.");
        var dropping = Valid();
        (dropping.DropLabels, dropping.LabelColumnName) = (["null"], "Activity");
        dropping.Validate();
        StringAssert.StartsWith(Error(() => new SensorWindowingOptions { ChannelColumnNames = ["X"] }.Validate()), "Invalid option 'Window.Length'", "the spec's own rules come first");
    }

    [TestMethod]
    public void The_windowing_options_flat_setters_write_through_to_the_window_spec()
    {
        var spec = EveryFieldSet;
        var options = new SensorWindowingOptions
        {
            WindowLength = spec.Length,
            WindowSeconds = spec.Seconds,
            SamplingRateHz = spec.SamplingRateHz,
            Resample = spec.Resample,
            TimestampUnit = spec.TimestampUnit,
            RepeatedTimestamps = spec.RepeatedTimestamps,
            OutOfOrderTimestamps = spec.OutOfOrderTimestamps,
            Step = spec.Step,
            Overlap = spec.Overlap,
            LabelPolicy = spec.LabelPolicy,
            DropLabels = spec.DropLabels,
            GapToleranceSeconds = spec.GapToleranceSeconds,
            IncompleteTail = spec.IncompleteTail,
            InvalidValues = spec.InvalidValues,
        };
        Assert.AreEqual(spec, options.Window);
        Assert.AreEqual((128, 2.56, 50.0, false, TimestampUnit.Milliseconds), (options.WindowLength, options.WindowSeconds!.Value, options.SamplingRateHz!.Value, options.Resample, options.TimestampUnit));
        Assert.AreEqual((RepeatedTimestampPolicy.Drop, OutOfOrderTimestampPolicy.Error, 32, 0.75, WindowLabelPolicy.Last),
            (options.RepeatedTimestamps, options.OutOfOrderTimestamps, options.Step, options.Overlap!.Value, options.LabelPolicy));
        Assert.AreEqual((1.5, IncompleteTailPolicy.AlignToEnd, InvalidValuePolicy.Interpolate, 128, 32),
            (options.GapToleranceSeconds!.Value, options.IncompleteTail, options.InvalidValues, options.ResolvedWindowLength, options.ResolvedStep));
        CollectionAssert.AreEqual(new[] { "null" }, options.DropLabels.ToArray());
    }

    [TestMethod]
    public void The_tools_time_settings_apply_to_a_spec_and_name_the_tools_options()
    {
        var spec = new WindowSpec { Length = 8, GapToleranceSeconds = 4 };
        var settings = new TimeHandlingSettings { TimeUnit = "ms", Resample = false, Repeats = RepeatedTimestampPolicy.Drop, OutOfOrder = OutOfOrderTimestampPolicy.Error, Missing = InvalidValuePolicy.Error };
        Assert.AreEqual(TimestampUnit.Milliseconds, settings.ParseTimeUnit());
        var applied = settings.ApplyTo(spec);
        Assert.AreEqual(spec with
        {
            TimestampUnit = TimestampUnit.Seconds,
            Resample = false,
            RepeatedTimestamps = RepeatedTimestampPolicy.Drop,
            OutOfOrderTimestamps = OutOfOrderTimestampPolicy.Error,
            InvalidValues = InvalidValuePolicy.Error,
        }, applied, "the loader gives seconds; the gap stays the spec's");
        settings.GapSeconds = 2.5;
        Assert.AreEqual(2.5, settings.ApplyTo(spec).GapToleranceSeconds);

        var defaults = new TimeHandlingSettings().ApplyTo(spec);
        Assert.AreEqual((true, RepeatedTimestampPolicy.Mean, OutOfOrderTimestampPolicy.Drop, InvalidValuePolicy.Interpolate),
            (defaults.Resample, defaults.RepeatedTimestamps, defaults.OutOfOrderTimestamps, defaults.InvalidValues));
        Assert.AreEqual(TimestampUnit.Auto, new TimeHandlingSettings().ParseTimeUnit());

        Assert.AreEqual("Invalid option '--time-unit': Unknown time unit 'hours': use auto, s, ms, us, ns or datetime.",
            Error(() => new TimeHandlingSettings { TimeUnit = "hours" }.ParseTimeUnit()));
        Assert.AreEqual("Invalid option '--gap': a positive number of seconds (got 0).", Error(() => new TimeHandlingSettings { GapSeconds = 0 }.ApplyTo(spec)));
        StringAssert.StartsWith(Error(() => new TimeHandlingSettings { GapSeconds = double.NaN }.ApplyTo(spec)), "Invalid option '--gap'");
        Assert.ThrowsExactly<ArgumentNullException>(() => new TimeHandlingSettings().ApplyTo(null!));
    }

    [TestMethod]
    public void The_windowing_report_says_every_count_in_one_line()
    {
        var report = new WindowingReport
        {
            RowsRead = 1000,
            RowsInWindows = 900,
            RowsNotCovered = 70,
            RowsInShortSegments = 40,
            RowsInTails = 30,
            WindowsProduced = 12,
            WindowsDroppedByLabel = 2,
            Segments = 3,
            SegmentsShorterThanWindow = 1,
            Gaps = 2,
        };
        Assert.AreEqual("1000 rows read, 900 in windows, 70 not covered (40 in segments shorter than a window, 30 in tails); "
            + "12 windows produced, 2 dropped by label; 3 segments (1 shorter than a window, 2 timestamp gaps)", report.ToString());
        var removed = report with
        {
            RowsRemoved = new Dictionary<string, long> { ["repeated timestamps"] = 20, ["out of order"] = 10 },
            ValuesInterpolated = 5,
        };
        Assert.AreEqual("1000 rows read, 900 in windows, 70 not covered (40 in segments shorter than a window, 30 in tails), "
            + "20 removed for repeated timestamps, 10 removed for out of order; "
            + "12 windows produced, 2 dropped by label; 3 segments (1 shorter than a window, 2 timestamp gaps), 5 values interpolated", removed.ToString());
        var one = report with { WindowsProduced = 1, Segments = 1, Gaps = 1, ValuesInterpolated = 1 };
        StringAssert.EndsWith(one.ToString(), "; 1 window produced, 2 dropped by label; 1 segment (1 shorter than a window, 1 timestamp gap), 1 value interpolated");
    }
}
