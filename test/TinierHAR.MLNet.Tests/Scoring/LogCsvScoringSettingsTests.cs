using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Tests.Scoring;

/// <summary>The tool's and the service's scoring settings, resolved against a bundle's manifest into scoring options.</summary>
[TestClass]
public sealed class LogCsvScoringSettingsTests
{
    private static readonly BundleManifest Manifest = new()
    {
        Window = new WindowSpec { Length = 64, Step = 32, SamplingRateHz = 50, GapToleranceSeconds = 2 },
        ChannelNames = ImuSample.ChannelNames,
        ChannelUnits = ImuSample.ChannelUnits,
        ClassNames = ["sit", "walk"],
        TimestampColumnName = "Time",
    };

    [TestMethod]
    public void Every_setting_reaches_its_option()
    {
        var settings = new LogCsvScoringSettings
        {
            Time = "when",
            Subject = "who",
            SubjectFromFile = "(p\\d+)",
            Session = "run",
            Rate = 100,
            Channels = "AccX=ax,GyroZ=gz",
            Units = "GyroX=deg/s",
            Malformed = MalformedRowPolicy.Skip,
            TimeHandling = new TimeHandlingSettings
            {
                TimeUnit = "ms",
                Resample = false,
                GapSeconds = 1.5,
                Repeats = RepeatedTimestampPolicy.Drop,
                OutOfOrder = OutOfOrderTimestampPolicy.Error,
                Missing = InvalidValuePolicy.Error,
            },
            Smooth = 5,
            Threshold = 0.4,
            BatchSize = 32,
            Threads = 3,
        };

        var options = settings.Resolve(Manifest);

        CollectionAssert.AreEqual(new[] { "ax", "AccY", "AccZ", "GyroX", "GyroY", "gz" }, options.Columns.ChannelColumnNames.ToArray(), "the log's columns, in the model's channel order");
        Assert.AreEqual(("when", TimestampUnit.Milliseconds, "who", "(p\\d+)", "run", MalformedRowPolicy.Skip),
            (options.Columns.TimestampColumnName, options.Columns.TimestampUnit, options.Columns.SubjectColumnName, options.Columns.SubjectFileNamePattern,
                options.Columns.SessionColumnName, options.Columns.MalformedRows));
        Assert.AreEqual("when", options.Scoring.TimestampColumnName);
        Assert.AreEqual(100, options.Scoring.SamplingRateHz);
        CollectionAssert.AreEquivalent(new Dictionary<string, string> { ["AccX"] = "ax", ["GyroZ"] = "gz" }, options.Scoring.ChannelColumns.ToDictionary());
        CollectionAssert.AreEqual(new[] { "g", "g", "g", "deg/s", "rad/s", "rad/s" }, options.Scoring.ChannelUnits!.ToArray(), "the named channel's unit, the others the bundle's");
        Assert.AreEqual(Manifest.Window with
        {
            TimestampUnit = TimestampUnit.Seconds,
            Resample = false,
            GapToleranceSeconds = 1.5,
            RepeatedTimestamps = RepeatedTimestampPolicy.Drop,
            OutOfOrderTimestamps = OutOfOrderTimestampPolicy.Error,
            InvalidValues = InvalidValuePolicy.Error,
        }, options.Scoring.Window, "the time handling on the bundle's window, for timestamps the loader gives in seconds");
        Assert.AreEqual((32, 3, 5, 0.4), (options.Batching.BatchSize, options.Batching.ConcurrentBatches, options.Smoothing, options.UnknownThreshold));
    }

    [TestMethod]
    public void The_timestamp_column_is_the_bundles_unless_named_or_switched_off()
    {
        var defaults = new LogCsvScoringSettings().Resolve(Manifest);
        Assert.AreEqual(("Time", "Time"), (defaults.Columns.TimestampColumnName, defaults.Scoring.TimestampColumnName));
        Assert.AreEqual(2, defaults.Scoring.Window!.GapToleranceSeconds, "the bundle's gap where none is given");
        CollectionAssert.AreEqual(ImuSample.ChannelNames.ToArray(), defaults.Columns.ChannelColumnNames.ToArray());
        Assert.IsNull(defaults.Scoring.ChannelUnits, "no units given: the log is taken to be in the bundle's");

        var untimed = new LogCsvScoringSettings { Time = "when", NoTime = true }.Resolve(Manifest);
        Assert.AreEqual((null, null), (untimed.Columns.TimestampColumnName, untimed.Scoring.TimestampColumnName));
    }

    [TestMethod]
    [DataRow(2, 0.0, null, "--smooth")]
    [DataRow(1, 1.5, null, "Invalid option '--threshold': a probability between 0 and 1 (got 1.5)")]
    [DataRow(1, -0.1, null, "--threshold")]
    [DataRow(1, double.NaN, null, "--threshold")]
    [DataRow(1, 0.0, "Nope=x", "Nope")]
    public void A_bad_setting_is_refused_naming_it(int smooth, double threshold, string? channels, string message)
    {
        var settings = new LogCsvScoringSettings { Smooth = smooth, Threshold = threshold, Channels = channels };
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => settings.Resolve(Manifest)).Message, message);
    }

    [TestMethod]
    public void Threshold_bounds_are_probabilities_themselves()
    {
        Assert.AreEqual(0, new LogCsvScoringSettings { Threshold = 0 }.Resolve(Manifest).UnknownThreshold);
        Assert.AreEqual(1, new LogCsvScoringSettings { Threshold = 1 }.Resolve(Manifest).UnknownThreshold);
    }
}
