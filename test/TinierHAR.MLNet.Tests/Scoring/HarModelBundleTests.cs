using System.IO.Compression;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Scoring;

[TestClass]
public sealed class HarModelBundleTests
{
    private string? bundlePath;
    private BundleManifest manifest = null!;
    private ITransformer trained = null!;
    private DataViewSchema windowSchema = null!;

    public TestContext TestContext { get; set; } = null!;

    private sealed class PredictedWindow
    {
        public string Subject { get; set; } = "";
        public double StartTime { get; set; }
        public double EndTime { get; set; }
        public long FirstSampleIndex { get; set; }
        public long LastSampleIndex { get; set; }
        public string PredictedActivity { get; set; } = "";
        public float[] Score { get; set; } = [];
    }

    /// <summary>
    /// A model made as the trainer makes one but without TorchSharp: the channel normalisation fitted on synthetic
    /// windows, then a committed TinierHAR network (<c>Fixtures/tinierhar-t64-c6-k6.onnx</c>, seeded and exported by the
    /// trainer; <c>ScoringFixtureTests</c> checks it) as the network transformer; bundled. Made for each test (it takes
    /// well under a second), so that each test runs the saving it relies on.
    /// </summary>
    [TestInitialize]
    public void Bundle()
    {
        var ml = new MLContext(seed: 1);
        var windowing = new SensorWindowingOptions
        {
            ChannelColumnNames = ImuSample.ChannelNames,
            WindowLength = 64,
            Step = 32,
            SamplingRateHz = 50,
            LabelColumnName = "Activity",
            GroupColumnNames = ["Subject"],
            TimestampColumnName = "Time",
        };
        var samples = ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 2, MinBoutSeconds = 8, MaxBoutSeconds = 12 }));
        var windows = ml.Data.Cache(ml.Data.WindowSensorSamples(samples, windowing));
        var normalizer = ml.Transforms.NormalizeSensorChannels("Features").Fit(windows);
        var onnx = File.ReadAllBytes(Path.Combine(SharedData.RepositoryRoot, "test", "TinierHAR.MLNet.Tests", "Scoring", "Fixtures", "tinierhar-t64-c6-k6.onnx"));
        var model = new TransformerChain<ITransformer>(normalizer, new NetworkModel(onnx, normalizer.Transform(windows)));
        manifest = BundleManifest.Create(windowing, SyntheticImuGenerator.Activities, ImuSample.ChannelUnits, normalizer.Statistics);
        bundlePath = Path.Combine(Path.GetTempPath(), $"tinierhar-bundle-{Guid.NewGuid():N}.zip");
        HarModelBundle.Save(ml, model, windows.Schema, manifest, bundlePath);
        (trained, windowSchema) = (model, windows.Schema);
    }

    /// <summary>A trained network as the trainer hands it over: its ONNX model, scored by ML.NET's built-in transformers.</summary>
    private sealed class NetworkModel(byte[] onnx, IDataView windows)
        : ChainBackedTransformer(ScoringChain.Build(onnx, SyntheticImuGenerator.Activities, "Features", windows)), IHarNetworkModel
    {
        public byte[] OnnxModel { get; } = onnx;

        public HarModelMetadata Metadata { get; } = HarModelMetadata.Read(onnx);
    }

    [TestCleanup]
    public void Remove()
    {
        if (bundlePath is not null) File.Delete(bundlePath);
    }

    /// <summary>Where this test's files go.</summary>
    private string ResultsFolder => TestContext.TestRunResultsDirectory ?? Path.GetTempPath();

    private string Copy(string name)
    {
        var path = Path.Combine(ResultsFolder, $"{Guid.NewGuid():N}-{name}");
        File.Copy(bundlePath!, path);
        return path;
    }

    /// <summary>Null arguments are refused by name before anything is read or written; a tie of top scores goes to the first class.</summary>
    [TestMethod]
    public void Null_arguments_are_refused_by_name_and_ties_go_to_the_first_class()
    {
        var ml = new MLContext(seed: 1);
        var path = Path.Combine(ResultsFolder, $"{Guid.NewGuid():N}.zip");
        Assert.AreEqual("ml", Assert.ThrowsExactly<ArgumentNullException>(() => HarModelBundle.Save(null!, trained, windowSchema, manifest, path)).ParamName);
        Assert.AreEqual("manifest", Assert.ThrowsExactly<ArgumentNullException>(() => HarModelBundle.Save(ml, trained, windowSchema, null!, path)).ParamName);
        Assert.IsFalse(File.Exists(path), "nothing written");
        Assert.AreEqual("ml", Assert.ThrowsExactly<ArgumentNullException>(() => HarModelBundle.Load(null!, bundlePath!)).ParamName);
        using var bundle = HarModelBundle.Load(ml, bundlePath!);
        Assert.AreEqual("samples", Assert.ThrowsExactly<ArgumentNullException>(() => bundle.ScoreLog(null!)).ParamName);
        Assert.AreEqual("samples", Assert.ThrowsExactly<ArgumentNullException>(() => bundle.ScoreLogBatched(null!)).ParamName);
        Assert.AreEqual("ml", Assert.ThrowsExactly<ArgumentNullException>(() => new StreamingHarPredictor(null!, bundle)).ParamName);
        Assert.AreEqual("bundle", Assert.ThrowsExactly<ArgumentNullException>(() => new StreamingHarPredictor(ml, null!)).ParamName);
        Assert.AreEqual("windowing", Assert.ThrowsExactly<ArgumentNullException>(() => BundleManifest.Create(null!, ["a"])).ParamName);
        Assert.AreEqual("classNames", Assert.ThrowsExactly<ArgumentNullException>(() => BundleManifest.Create(new SensorWindowingOptions(), null!)).ParamName);
        Assert.AreEqual("manifest", Assert.ThrowsExactly<ArgumentNullException>(() => new LogCsvScoringSettings().Resolve(null!)).ParamName);

        Assert.AreEqual(1, ScoreArgMaxMapping.ArgMax([0.1f, 0.4f, 0.4f, 0.1f]));
        Assert.AreEqual(0, ScoreArgMaxMapping.ArgMax([0.5f, 0.5f]));
        Assert.AreEqual(2, ScoreArgMaxMapping.ArgMax([0.1f, 0.2f, 0.7f]));
    }

    /// <summary>Every setting of the window spec set away from its default, so that a setting added later fails here until it is too.</summary>
    private static WindowSpec EverySettingChanged() => new()
    {
        Length = 64,
        Seconds = 1.28,
        Step = 16,
        Overlap = 0.25,
        SamplingRateHz = 50,
        LabelPolicy = WindowLabelPolicy.Centre,
        DropLabels = ["Sitting", "Lying"],
        IncompleteTail = IncompleteTailPolicy.AlignToEnd,
        GapToleranceSeconds = 0.75,
        TimestampUnit = TimestampUnit.Milliseconds,
        RepeatedTimestamps = RepeatedTimestampPolicy.Drop,
        OutOfOrderTimestamps = OutOfOrderTimestampPolicy.Error,
        InvalidValues = InvalidValuePolicy.Interpolate,
        Resample = false,
    };

    /// <summary>Same model, same bytes: a bundle's zip entries carry no save time (checked on the entries, since two saves
    /// within the zip's 2-second time resolution would match anyway), and a second save writes the first one's bytes.</summary>
    [TestMethod]
    public void The_same_model_saves_to_the_same_bytes()
    {
        using (var zip = ZipFile.OpenRead(bundlePath!))
            Assert.IsTrue(zip.Entries.All(e => e.LastWriteTime.Year == 1980), "no entry carries the time it was saved");
        var again = Path.Combine(ResultsFolder, $"{Guid.NewGuid():N}.zip");
        HarModelBundle.Save(new MLContext(seed: 1), trained, windowSchema, manifest, again);
        CollectionAssert.AreEqual(File.ReadAllBytes(bundlePath!), File.ReadAllBytes(again));
    }

    [TestMethod]
    public void A_window_spec_comes_back_from_a_saved_bundle_as_it_was()
    {
        var spec = EverySettingChanged();
        var defaults = new WindowSpec();
        var unchanged = typeof(WindowSpec).GetProperties().Where(p => p.CanWrite && Equals(p.GetValue(spec), p.GetValue(defaults))).Select(p => p.Name).ToList();
        Assert.IsEmpty(unchanged, $"set these in EverySettingChanged too: {string.Join(", ", unchanged)}");
        Assert.AreNotEqual(spec, spec with { DropLabels = ["Sitting"] }, "the dropped labels take part in equality");

        var path = Path.Combine(Path.GetTempPath(), $"tinierhar-spec-{Guid.NewGuid():N}.zip");
        try
        {
            HarModelBundle.Save(new MLContext(), trained, windowSchema, manifest with { Window = spec }, path);
            using var bundle = HarModelBundle.Load(new MLContext(), path);
            Assert.AreEqual(spec, bundle.Manifest.Window);
            Assert.AreEqual(HarModelBundle.CurrentFormatVersion, bundle.Manifest.FormatVersion);
            Assert.AreEqual(spec, WindowSpec.FromJson(spec.ToJson()));
            StringAssert.Contains(spec.ToJson(), "\"LabelPolicy\": \"Centre\"", "enums by name");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void A_version_1_bundle_reads_its_window_fields_into_the_spec()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tinierhar-v1-{Guid.NewGuid():N}.zip");
        File.Copy(bundlePath!, path);
        try
        {
            using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            {
                zip.GetEntry("TinierHAR/bundle.json")!.Delete();
                using var writer = new StreamWriter(zip.CreateEntry("TinierHAR/bundle.json").Open());
                writer.Write($$"""
                    {"FormatVersion": 1, "WindowLength": 64, "WindowStep": 32, "LabelPolicy": "Last", "ChannelNames": ["AccX", "AccY", "AccZ", "GyroX", "GyroY", "GyroZ"],
                     "SamplingRateHz": 50, "ClassNames": [{{string.Join(", ", manifest.ClassNames.Select(c => $"\"{c}\""))}}], "GroupColumnNames": ["Subject"],
                     "TimestampColumnName": "Time", "GapToleranceSeconds": 2}
                    """);
            }
            using var bundle = HarModelBundle.Load(new MLContext(), path);
            Assert.AreEqual(new WindowSpec { Length = 64, Step = 32, SamplingRateHz = 50, LabelPolicy = WindowLabelPolicy.Last, GapToleranceSeconds = 2 }, bundle.Manifest.Window);
            Assert.AreEqual("Time", bundle.Manifest.TimestampColumnName);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void A_raw_log_is_scored_end_to_end_without_restating_window_options()
    {
        var fresh = new MLContext(seed: 5);
        using var bundle = HarModelBundle.Load(fresh, bundlePath!);
        CollectionAssert.AreEqual(manifest.ChannelNames.ToArray(), bundle.Manifest.ChannelNames.ToArray());

        var logOptions = new SyntheticImuOptions { Subjects = 2, Seed = 9, MinBoutSeconds = 8, MaxBoutSeconds = 10 };
        var log = fresh.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(logOptions));
        var scored = bundle.ScoreLog(log, new LogScoringOptions { SamplingRateHz = 50 });
        var rows = fresh.Data.CreateEnumerable<PredictedWindow>(scored.Predictions, reuseRowObject: false).ToList();
        var report = scored.Windows.LastReport!;
        TestContext.WriteLine($"{rows.Count} windows; {report}");

        Assert.AreEqual(report.WindowsProduced, rows.Count);
        Assert.IsTrue(rows.All(r => manifest.ClassNames.Contains(r.PredictedActivity)), "predictions are class names");
        Assert.IsTrue(rows.All(r => Math.Abs(r.EndTime - r.StartTime - 63 / 50.0) < 1e-6), "each window spans 64 samples at 50 Hz");
        CollectionAssert.AreEqual(new[] { "subject01", "subject02" }, rows.Select(r => r.Subject).Distinct().ToArray());
        Assert.AreEqual(SyntheticImuGenerator.Generate(logOptions).LongCount(), report.RowsRead, "every sample of the log was read");
        Assert.IsLessThan(2L * 64, report.RowsNotCovered, "only each subject's incomplete tail is left");

        // The bundle is an ordinary ML.NET model file too: loaded as one, it scores the windows as ScoreLog did.
        var plain = fresh.Model.Load(bundlePath!, out _);
        var plainScores = plain.Transform(scored.Windows).GetColumn<float[]>("Score").ToList();
        Assert.HasCount(rows.Count, plainScores);
        for (var i = 0; i < rows.Count; i++)
            CollectionAssert.AreEqual(rows[i].Score, plainScores[i], $"window {i}: mlContext.Model.Load's model scores as the bundle's");
    }

    [TestMethod]
    public void The_batched_path_scores_a_log_like_the_ml_net_model()
    {
        var fresh = new MLContext(seed: 5);
        using var bundle = HarModelBundle.Load(fresh, bundlePath!);
        Assert.IsNotNull(bundle.NetworkOnnx, "the network is kept in the bundle");
        var log = fresh.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 2, Seed = 11, MinBoutSeconds = 8, MaxBoutSeconds = 10 }));

        var perRow = fresh.Data.CreateEnumerable<PredictedWindow>(bundle.ScoreLog(log, new LogScoringOptions { SamplingRateHz = 50 }).Predictions, reuseRowObject: false).ToList();
        var batched = bundle.ScoreLogBatched(log, new LogScoringOptions { SamplingRateHz = 50 }, new BatchedHarScoringOptions { BatchSize = 5, ConcurrentBatches = 2 });
        var rows = fresh.Data.CreateEnumerable<PredictedWindow>(batched.Predictions, reuseRowObject: false).ToList();

        Assert.HasCount(perRow.Count, rows);
        Assert.AreEqual(batched.Windows.LastReport!.WindowsProduced, rows.Count);
        var largest = perRow.Zip(rows).Max(p => p.First.Score.Zip(p.Second.Score).Max(v => Math.Abs(v.First - v.Second)));
        TestContext.WriteLine($"{rows.Count} windows; largest probability difference {largest:E1}");
        Assert.IsLessThanOrEqualTo(1e-6f, largest);
        CollectionAssert.AreEqual(perRow.Select(r => (r.Subject, r.FirstSampleIndex, r.StartTime, r.PredictedActivity)).ToArray(),
            rows.Select(r => (r.Subject, r.FirstSampleIndex, r.StartTime, r.PredictedActivity)).ToArray());
    }

    [TestMethod]
    public void The_bundles_batched_scorer_takes_raw_windows_and_applies_the_normalisation()
    {
        var fresh = new MLContext(seed: 5);
        using var bundle = HarModelBundle.Load(fresh, bundlePath!);
        var log = fresh.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, Seed = 13, MinBoutSeconds = 8, MaxBoutSeconds = 10 }));
        var scored = bundle.ScoreLog(log, new LogScoringOptions { SamplingRateHz = 50 });
        // The ML.NET model's scores (its chain normalises first) and the raw windows (its chain replaces Features).
        var expected = scored.Predictions.GetColumn<float[]>("Score").ToList();
        var raw = scored.Windows.GetColumn<float[]>("Features").SelectMany(w => w).ToArray();

        using var scorer = bundle.CreateBatchedScorer(new BatchedHarScorerOptions { BatchSize = 7 });
        var batched = scorer.Score(raw);

        var k = manifest.ClassNames.Count;
        Assert.HasCount(expected.Count * k, batched);
        var largest = expected.SelectMany((w, i) => w.Select((p, c) => Math.Abs(p - batched[i * k + c]))).Max();
        TestContext.WriteLine($"{expected.Count} windows; largest probability difference {largest:E1}");
        Assert.IsLessThanOrEqualTo(1e-6f, largest);
    }

    /// <summary>
    /// CSV scoring checks its arguments and options before it reads a log: a null argument, a threshold outside 0–1 and
    /// an even smoothing width are refused by name, and the edges 0 and 1 pass (the absent log is then what fails).
    /// </summary>
    [TestMethod]
    public void CSV_scoring_checks_its_arguments_and_options_before_reading_the_log()
    {
        var ml = new MLContext(seed: 5);
        using var bundle = HarModelBundle.Load(ml, bundlePath!);
        var absent = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-absent.csv");
        var output = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-windows.csv");
        LogCsvScoringOptions Options(double threshold = 0, int smoothing = 1) =>
            new() { Columns = new CsvSampleOptions { ChannelColumnNames = ImuSample.ChannelNames }, UnknownThreshold = threshold, Smoothing = smoothing };

        Assert.AreEqual("ml", Assert.ThrowsExactly<ArgumentNullException>(() => LogCsvScoring.Score(null!, bundle, absent, output, null, Options())).ParamName);
        Assert.AreEqual("bundle", Assert.ThrowsExactly<ArgumentNullException>(() => LogCsvScoring.Score(ml, null!, absent, output, null, Options())).ParamName);
        Assert.AreEqual("options", Assert.ThrowsExactly<ArgumentNullException>(() => LogCsvScoring.Score(ml, bundle, absent, output, null, null!)).ParamName);
        foreach (var (options, name, rule) in new[]
        {
            (Options(threshold: -0.01), "UnknownThreshold", "a probability between 0 and 1 (got -0.01)"),
            (Options(threshold: 1.01), "UnknownThreshold", "a probability between 0 and 1 (got 1.01)"),
            (Options(smoothing: 2), "Smoothing", "an odd number of windows, at least 1 (got 2)"),
        })
        {
            var error = Assert.ThrowsExactly<ArgumentException>(() => LogCsvScoring.Score(ml, bundle, absent, output, null, options));
            Assert.AreEqual(name, error.ParamName);
            StringAssert.Contains(error.Message, rule);
        }
        foreach (var threshold in new[] { 0.0, 1.0 })
            Assert.ThrowsExactly<FileNotFoundException>(() => LogCsvScoring.Score(ml, bundle, absent, output, null, Options(threshold)), $"threshold {threshold} is allowed");
        Assert.IsFalse(File.Exists(output), "nothing is written");
    }

    /// <summary>A synthetic CSV log in this test's results folder.</summary>
    private (string Folder, string Log, SyntheticImuLog Written) SyntheticLog(SyntheticImuOptions options)
    {
        var folder = ResultsFolder;
        var log = Path.Combine(folder, $"{Guid.NewGuid():N}-log.csv");
        return (folder, log, SyntheticImuCsv.Write(log, options));
    }

    /// <summary>Malformed lines skipped by the reader are counted among the rows read and the rows removed, so that rows in = rows used + rows reported.</summary>
    [TestMethod]
    public void CSV_scoring_counts_skipped_lines_among_the_rows_read_and_removed()
    {
        var ml = new MLContext(seed: 5);
        using var bundle = HarModelBundle.Load(ml, bundlePath!);
        var (folder, log, written) = SyntheticLog(new SyntheticImuOptions { Subjects = 1, Seed = 22, BoutsPerSubject = 6, MinBoutSeconds = 4, MaxBoutSeconds = 6 });
        var lines = File.ReadAllLines(log);
        var fields = lines[20].Split(',');
        fields[1] = "x";
        (lines[10], lines[20]) = ("1,2", string.Join(',', fields));
        File.WriteAllLines(log, lines);
        var columns = new CsvSampleOptions { ChannelColumnNames = ImuSample.ChannelNames, TimestampColumnName = "Time", MalformedRows = MalformedRowPolicy.Skip };

        var result = LogCsvScoring.Score(ml, bundle, log, Path.Combine(folder, $"{Guid.NewGuid():N}-windows.csv"), null, new LogCsvScoringOptions { Columns = columns });

        Assert.AreEqual(2L, result.Read.RowsSkipped.Values.Sum(), string.Join(", ", result.Read.RowsSkipped));
        Assert.AreEqual(written.Rows, result.RowsRead, "the skipped lines are rows read");
        Assert.AreEqual(result.Windowing.RowsRemoved.Values.Sum() + 2, result.RowsRemoved, "and rows removed");
        Assert.AreEqual(result.RowsRead, result.Windowing.RowsInWindows + result.RowsRemoved + result.Windowing.RowsNotCovered, "rows in = rows used + rows reported");
    }

    /// <summary>
    /// <see cref="LogCsvScoring"/> on a CSV log: one predictions row per window with the batched path's probabilities
    /// (written to round-trip) and class, "unknown" exactly below the threshold, the windows' times, and segments that
    /// hold every window once; every row of the log is accounted for. Without a timestamp column the times are sample
    /// positions at the bundle's rate.
    /// </summary>
    [TestMethod]
    public void A_CSV_log_is_scored_into_predictions_and_segments_that_account_for_every_row()
    {
        var ml = new MLContext(seed: 5);
        using var bundle = HarModelBundle.Load(ml, bundlePath!);
        var (folder, log, written) = SyntheticLog(new SyntheticImuOptions { Subjects = 2, Seed = 21, BoutsPerSubject = 6, MinBoutSeconds = 6, MaxBoutSeconds = 9 });
        var columns = new CsvSampleOptions { ChannelColumnNames = ImuSample.ChannelNames, TimestampColumnName = "Time" };
        var expected = ml.Data.CreateEnumerable<PredictedWindow>(
            bundle.ScoreLogBatched(ml.Data.LoadSensorCsv(log, new CsvSampleOptions { ChannelColumnNames = ImuSample.ChannelNames, TimestampColumnName = "Time", SubjectColumnName = "Subject" })).Predictions,
            reuseRowObject: false).ToList();
        var threshold = expected.Select(w => (double)w.Score.Max()).Order().ElementAt(expected.Count / 2);
        var (predictions, segments) = (Path.Combine(folder, $"{Guid.NewGuid():N}-windows.csv"), Path.Combine(folder, $"{Guid.NewGuid():N}-segments.csv"));

        var result = LogCsvScoring.Score(ml, bundle, log, predictions, segments, new LogCsvScoringOptions { Columns = columns, UnknownThreshold = threshold, Smoothing = 3 });

        Assert.AreEqual(written.Rows, result.RowsRead, "every row of the log is read");
        Assert.AreEqual(result.RowsRead, result.Windowing.RowsInWindows + result.RowsRemoved + result.Windowing.RowsNotCovered, "rows in = rows used + rows reported");
        var rows = CsvRows.Read(predictions);
        Assert.HasCount(expected.Count, rows);
        Assert.AreEqual((long)rows.Length, result.Windows);
        for (var i = 0; i < rows.Length; i++)
        {
            var (row, window) = (rows[i], expected[i]);
            Assert.AreEqual((Path.GetFileName(log), window.Subject, Path.GetFileName(log)), (row["source"], row["subject"], row["session"]), "a session per file by default");
            Assert.AreEqual((window.FirstSampleIndex, window.LastSampleIndex), (long.Parse(row["first_sample"], System.Globalization.CultureInfo.InvariantCulture), long.Parse(row["last_sample"], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.AreEqual(window.Score.Max(), float.Parse(row["confidence"], System.Globalization.CultureInfo.InvariantCulture), $"window {i}");
            Assert.AreEqual(SecondsText.Format(window.StartTime), row["start_time"], $"window {i}");
            Assert.AreEqual(SecondsText.Format(window.EndTime), row["end_time"], $"window {i}");
            CollectionAssert.AreEqual(window.Score, SyntheticImuGenerator.Activities.Select(a => float.Parse(row["p_" + a], System.Globalization.CultureInfo.InvariantCulture)).ToArray(), $"window {i}");
            Assert.AreEqual(window.Score.Max() < threshold ? LogCsvScoring.Unknown : window.PredictedActivity, row["predicted"], $"window {i}");
        }
        Assert.AreEqual(expected.LongCount(w => w.Score.Max() < threshold), result.Unknown);
        Assert.IsGreaterThan(0L, result.Unknown, "the median confidence as threshold leaves some windows unknown");
        var spans = CsvRows.Read(segments);
        Assert.AreEqual((long)spans.Length, result.Segments);
        Assert.AreEqual(rows.Length, spans.Sum(s => int.Parse(s["windows"], System.Globalization.CultureInfo.InvariantCulture)), "each window in one segment");
        CollectionAssert.AreEqual(new[] { "subject01", "subject02" }, spans.Select(s => s["subject"]).Distinct().ToArray());
        Assert.IsTrue(spans.All(s => s["source"] == Path.GetFileName(log) && s["session"] == s["source"]));
        Assert.IsTrue(spans.All(s => s["activity"] == LogCsvScoring.Unknown || SyntheticImuGenerator.Activities.Contains(s["activity"])), "segments are of activities or unknown");
        foreach (var subject in spans.GroupBy(s => s["subject"]))
        {
            var (first, last) = (rows.First(r => r["subject"] == subject.Key), rows.Last(r => r["subject"] == subject.Key));
            Assert.AreEqual((first["start_time"], last["end_time"]), (subject.First()["start"], subject.Last()["end"]), $"{subject.Key}'s segments span its windows");
            CollectionAssert.AreEqual(subject.Skip(1).Select(s => s["start"]).ToArray(), subject.SkipLast(1).Select(s => s["end"]).ToArray(), $"{subject.Key}'s segments meet");
        }

        var untimed = Path.Combine(folder, $"{Guid.NewGuid():N}-untimed.csv");
        var untimedSpans = Path.Combine(folder, $"{Guid.NewGuid():N}-untimed-segments.csv");
        var positions = LogCsvScoring.Score(ml, bundle, log, untimed, untimedSpans, new LogCsvScoringOptions { Columns = new CsvSampleOptions { ChannelColumnNames = ImuSample.ChannelNames } });
        var untimedRows = CsvRows.Read(untimed);
        Assert.IsFalse(untimedRows[0].ContainsKey("start_time"), "no timestamps, no time columns");
        Assert.AreEqual(expected.Count, untimedRows.Length, "the same windows where the log's clock is regular");
        var untimedSegments = CsvRows.Read(untimedSpans);
        Assert.AreEqual((long)untimedSegments.Length, positions.Segments);
        foreach (var subject in untimedSegments.GroupBy(s => s["subject"]))
        {
            // Times are sample positions at the bundle's 50 Hz, counted from each sequence's first window.
            var windows = untimedRows.Where(r => r["subject"] == subject.Key).ToArray();
            var (start, end) = (long.Parse(windows[0]["first_sample"], System.Globalization.CultureInfo.InvariantCulture), long.Parse(windows[^1]["last_sample"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.AreEqual(("0", SecondsText.Format((end + 1 - start) / 50.0)), (subject.First()["start"], subject.Last()["end"]), subject.Key);
        }
    }

    /// <summary>Long logs report progress every 2,048 windows: the windows done and the samples they reach.</summary>
    [TestMethod]
    public void Scoring_a_long_log_reports_progress_every_2048_windows()
    {
        var ml = new MLContext(seed: 5);
        using var bundle = HarModelBundle.Load(ml, bundlePath!);
        var folder = ResultsFolder;
        var log = Path.Combine(folder, $"{Guid.NewGuid():N}-long.csv");
        SyntheticImuCsv.Write(log, new SyntheticImuOptions { Subjects = 3, Seed = 2, BoutsPerSubject = 12, MinBoutSeconds = 40, MaxBoutSeconds = 45 });
        var reports = new List<(long Samples, long Windows)>();
        var result = LogCsvScoring.Score(ml, bundle, log, Path.Combine(folder, $"{Guid.NewGuid():N}-long-windows.csv"), null,
            new LogCsvScoringOptions { Columns = new CsvSampleOptions { ChannelColumnNames = ImuSample.ChannelNames, TimestampColumnName = "Time" } },
            (samples, windows) => reports.Add((samples, windows)));
        Assert.IsGreaterThan(2048L, result.Windows);
        CollectionAssert.AreEqual(Enumerable.Range(1, (int)(result.Windows / 2048)).Select(n => 2048L * n).ToArray(), reports.Select(r => r.Windows).ToArray());
        Assert.IsTrue(reports.All(r => r.Samples > 0), "the samples the windows reach");
    }

    [TestMethod]
    public void Logs_with_other_channels_or_rates_are_refused()
    {
        using var bundle = HarModelBundle.Load(new MLContext(), bundlePath!);
        var ml = new MLContext();
        var log = ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, BoutsPerSubject = 6, MinBoutSeconds = 3, MaxBoutSeconds = 4 }));
        var renamed = ml.Transforms.CopyColumns("AccelX", "AccX").Append(ml.Transforms.DropColumns("AccX")).Fit(log).Transform(log);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => bundle.ScoreLog(renamed)).Message, "lacks the channel column(s) 'AccX'");
        var untimed = ml.Transforms.DropColumns("Time").Fit(log).Transform(log);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => bundle.ScoreLog(untimed, new LogScoringOptions { SamplingRateHz = 100, Window = bundle.Manifest.Window with { Resample = false } })).Message, "trained at 50 Hz");

        var at100 = ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, SamplingRateHz = 100, BoutsPerSubject = 6, MinBoutSeconds = 3, MaxBoutSeconds = 4 }));
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => bundle.ScoreLog(at100, new LogScoringOptions { Window = bundle.Manifest.Window with { Resample = false } }).Windows.CountAll()).Message,
            "is sampled at about 100 Hz (median interval of its first 33 samples, timestamps in s), not the windows' 50 Hz");
        var resampled = bundle.ScoreLog(at100);
        var windows = resampled.Predictions.GetColumn<long>("FirstSampleIndex").Count();
        var report = resampled.Windows.LastReport!;
        Assert.IsGreaterThan(0, windows);
        Assert.AreEqual(report.WindowsProduced, windows);
        Assert.IsTrue(report.Resampled);
        Assert.AreEqual(100, report.Recordings.Single().RateHz, 1e-6, "the log's rate, from its timestamps");
        TestContext.WriteLine($"100 Hz log resampled to 50 Hz: {report}");
    }

    [TestMethod]
    public void Truncated_foreign_and_future_bundles_get_clear_errors()
    {
        var truncated = Copy("truncated.zip");
        var bytes = File.ReadAllBytes(truncated);
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => HarModelBundle.Load(new MLContext(), truncated)).Message, "not a readable model bundle");

        var foreign = Copy("foreign.zip");
        using (var zip = ZipFile.Open(foreign, ZipArchiveMode.Update))
            zip.GetEntry("TinierHAR/bundle.json")!.Delete();
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => HarModelBundle.Load(new MLContext(), foreign)).Message, "is not a TinierHAR.MLNet model bundle");

        var future = Copy("future.zip");
        using (var zip = ZipFile.Open(future, ZipArchiveMode.Update))
        {
            zip.GetEntry("TinierHAR/bundle.json")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("TinierHAR/bundle.json").Open());
            writer.Write(System.Text.Json.JsonSerializer.Serialize(manifest with { FormatVersion = 99 }));
        }
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => HarModelBundle.Load(new MLContext(), future)).Message, "format version 99");
        foreach (var path in new[] { truncated, foreign, future }) File.Delete(path);
    }

    /// <summary>A path that is a folder or nothing, a bundle saved without its network (batched scoring then says what to
    /// do), and channel units that cannot be converted: each gets an error that says so.</summary>
    public sealed class Acceleration
    {
        public float AccX { get; set; }
        public float AccY { get; set; }
        public float AccZ { get; set; }
    }

    [TestMethod]
    public void Missing_bundles_networks_and_unit_mismatches_get_clear_errors()
    {
        var folder = Path.Combine(ResultsFolder, $"{Guid.NewGuid():N}-folder.zip");
        Directory.CreateDirectory(folder);
        StringAssert.Contains(Assert.ThrowsExactly<FileNotFoundException>(() => HarModelBundle.Load(new MLContext(), folder)).Message, "is a directory, not a bundle file");
        StringAssert.Contains(Assert.ThrowsExactly<FileNotFoundException>(() => HarModelBundle.Load(new MLContext(), folder + ".missing")).Message, "does not exist");

        var withoutNetwork = Copy("without-network.zip");
        using (var zip = ZipFile.Open(withoutNetwork, ZipArchiveMode.Update))
            zip.GetEntry("TinierHAR/network.onnx")!.Delete();
        var ml = new MLContext(seed: 5);
        using var bundle = HarModelBundle.Load(ml, withoutNetwork);
        Assert.IsNull(bundle.NetworkOnnx);
        var log = ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, BoutsPerSubject = 6, MinBoutSeconds = 3, MaxBoutSeconds = 4 }));
        Assert.IsGreaterThan(0, bundle.ScoreLog(log).Predictions.GetColumn<float[]>("Score").Count(), "the ML.NET model still scores");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => bundle.ScoreLogBatched(log)).Message, "This bundle holds no TinierHAR/network.onnx");
        File.Delete(withoutNetwork);

        using var full = HarModelBundle.Load(ml, bundlePath!);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => full.ScoreLog(log, new LogScoringOptions { ChannelUnits = ["g", "g"] })).Message,
            "Give one unit per model channel (6: AccX, AccY, AccZ, GyroX, GyroY, GyroZ); got 2.");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => full.ScoreLog(log, new LogScoringOptions { ChannelColumns = new Dictionary<string, string> { ["Pressure"] = "p" } })).Message,
            "The model has no channel 'Pressure' to map");
        var inMilliG = ml.Transforms.CustomMapping<ImuSample, Acceleration>((a, b) => (b.AccX, b.AccY, b.AccZ) = (a.AccX * 1000, a.AccY * 1000, a.AccZ * 1000), null).Fit(log).Transform(log);
        var expected = full.ScoreLog(log).Predictions.GetColumn<float[]>("Score").ToArray();
        var converted = full.ScoreLog(inMilliG, new LogScoringOptions { ChannelUnits = ["mg", "mg", "mg", "rad/s", "rad/s", "rad/s"] }).Predictions.GetColumn<float[]>("Score").ToArray();
        Assert.AreEqual(expected.Length, converted.Length);
        Assert.IsLessThanOrEqualTo(1e-5f, expected.Zip(converted).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second))), "a log in mg, converted, scores as the same log in g");
    }

    public sealed class RenamedAcceleration
    {
        [ColumnName("ax")]
        public float AccelerationX { get; set; }
    }

    /// <summary>
    /// What a log may change and what it may not: a channel under another name (mapped), a label column (carried per
    /// window), an untimed log at another rate (resampled); not the window's length. A model saved without the trainer's
    /// network makes a bundle without one, and an unreadable manifest is named.
    /// </summary>
    [TestMethod]
    public void Logs_map_channels_carry_labels_and_resample_and_the_window_length_stays_the_models()
    {
        var ml = new MLContext(seed: 5);
        using var bundle = HarModelBundle.Load(ml, bundlePath!);
        var samples = SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, Seed = 8, BoutsPerSubject = 6, MinBoutSeconds = 3, MaxBoutSeconds = 4 }).ToList();
        var log = ml.Data.LoadFromEnumerable(samples);
        var expected = bundle.ScoreLog(log).Predictions.GetColumn<float[]>("Score").ToArray();

        var renamed = ml.Transforms.CustomMapping<ImuSample, RenamedAcceleration>((a, b) => b.AccelerationX = a.AccX, null).Append(ml.Transforms.DropColumns("AccX")).Fit(log).Transform(log);
        var mapped = bundle.ScoreLog(renamed, new LogScoringOptions { ChannelColumns = new Dictionary<string, string> { ["AccX"] = "ax" } }).Predictions.GetColumn<float[]>("Score").ToArray();
        CollectionAssert.AreEqual(expected.SelectMany(p => p).ToArray(), mapped.SelectMany(p => p).ToArray(), "AccX read from 'ax'");

        var labelled = bundle.ScoreLog(log, new LogScoringOptions { LabelColumnName = "Activity" }).Predictions.GetColumn<string>("Activity").ToArray();
        Assert.HasCount(expected.Length, labelled);
        Assert.IsTrue(labelled.All(SyntheticImuGenerator.Activities.Contains) && labelled.Distinct().Count() > 1, "each window carries its majority activity");

        var untimed = ml.Transforms.DropColumns("Time").Fit(log).Transform(log);
        var at50 = bundle.ScoreLog(untimed, new LogScoringOptions { SamplingRateHz = 50 }).Predictions.GetColumn<long>("FirstSampleIndex").Count();
        var at100 = bundle.ScoreLog(untimed, new LogScoringOptions { SamplingRateHz = 100 });
        Assert.AreEqual(at50 / 2, at100.Predictions.GetColumn<long>("FirstSampleIndex").Count(), 1, "the same rows read as 100 Hz last half as long at the model's 50 Hz");
        Assert.IsTrue(at100.Windows.LastReport!.Resampled);

        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => bundle.ScoreLog(log, new LogScoringOptions { Window = bundle.Manifest.Window with { Length = 32 } })).Message,
            "the model takes windows of 64 samples at 50 Hz");

        var plain = Path.Combine(ResultsFolder, $"{Guid.NewGuid():N}-plain.zip");
        HarModelBundle.Save(ml, ((TransformerChain<ITransformer>)trained).First(), windowSchema, manifest, plain);
        using (var withoutNetwork = HarModelBundle.Load(ml, plain))
            Assert.IsNull(withoutNetwork.NetworkOnnx, "a model without the trainer's network is bundled without one");
        File.Delete(plain);

        var unreadable = Copy("unreadable.zip");
        using (var zip = ZipFile.Open(unreadable, ZipArchiveMode.Update))
        {
            zip.GetEntry("TinierHAR/bundle.json")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("TinierHAR/bundle.json").Open());
            writer.Write("{ \"FormatVersion\": ");
        }
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => HarModelBundle.Load(ml, unreadable)).Message, "TinierHAR/bundle.json is unreadable");
        File.Delete(unreadable);
    }

    [TestMethod]
    public void The_ml_net_model_is_read_on_first_use_from_the_bytes_loaded_and_a_damaged_one_fails_then()
    {
        var damaged = Copy("damaged.zip");
        using (var zip = ZipFile.Open(damaged, ZipArchiveMode.Update))
        {
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("TransformerChain/", StringComparison.Ordinal)).ToList())
                entry.Delete();
        }
        using var bundle = HarModelBundle.Load(new MLContext(), damaged);
        File.Delete(damaged);

        using (var scorer = bundle.CreateBatchedScorer())
            Assert.HasCount(bundle.Manifest.ClassNames.Count, scorer.Score(new float[scorer.WindowSize]), "the batched path needs no ML.NET model");
        var error = Assert.ThrowsExactly<InvalidDataException>(() => bundle.Model);
        StringAssert.Contains(error.Message, "damaged.zip': the ML.NET model inside the bundle could not be loaded");

        var ml = new MLContext(seed: 5);
        var intact = Copy("intact.zip");
        using var loaded = HarModelBundle.Load(ml, intact);
        File.Delete(intact);
        var samples = ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, Seed = 5, BoutsPerSubject = 6, MinBoutSeconds = 5, MaxBoutSeconds = 6 }));
        var scored = ml.Data.CreateEnumerable<PredictedWindow>(loaded.ScoreLog(samples).Predictions, reuseRowObject: false).ToList();
        Assert.IsNotEmpty(scored, "the model is read from the bytes loaded before the file went");
    }

    [TestMethod]
    public void Streaming_one_sample_or_a_chunk_at_a_time_equals_batch_scoring()
    {
        var ml = new MLContext(seed: 3);
        using var bundle = HarModelBundle.Load(ml, bundlePath!);
        var samples = SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, Seed = 4, BoutsPerSubject = 6, MinBoutSeconds = 5, MaxBoutSeconds = 7 }).ToList();
        var batch = ml.Data.CreateEnumerable<PredictedWindow>(bundle.ScoreLog(ml.Data.LoadFromEnumerable(samples)).Predictions, reuseRowObject: false).ToList();

        using var oneByOne = new StreamingHarPredictor(ml, bundle);
        var streamed = samples.Select(s => oneByOne.Push([s.AccX, s.AccY, s.AccZ, s.GyroX, s.GyroY, s.GyroZ])).OfType<StreamingPrediction>().ToList();
        using var chunked = new StreamingHarPredictor(ml, bundle);
        var chunks = samples.Chunk(37).SelectMany(chunk => chunked.PushChunk(chunk.SelectMany(s => new[] { s.AccX, s.AccY, s.AccZ, s.GyroX, s.GyroY, s.GyroZ }).ToArray())).ToList();

        Assert.HasCount(batch.Count, streamed);
        Assert.HasCount(batch.Count, chunks);
        for (var i = 0; i < batch.Count; i++)
        {
            Assert.AreEqual((batch[i].FirstSampleIndex, batch[i].LastSampleIndex), (streamed[i].FirstSample, streamed[i].LastSample), $"window {i}");
            Assert.AreEqual(batch[i].PredictedActivity, streamed[i].Activity, $"window {i}");
            CollectionAssert.AreEqual(batch[i].Score, streamed[i].Probabilities, $"window {i}: identical probabilities");
            CollectionAssert.AreEqual(streamed[i].Probabilities, chunks[i].Probabilities, $"window {i}: chunks equal single samples");
        }
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => oneByOne.Push([1f, 2f])).Message, "A sample has 6 channel values (AccX, AccY, AccZ, GyroX, GyroY, GyroZ); got 2.");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => oneByOne.Push([1f, float.NaN, 0, 0, 0, 0])).Message, $"Sample {samples.Count}: channel 'AccY' is NaN.");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => chunked.PushChunk(new float[7])).Message, "A chunk holds whole samples of 6 values; got 7");
        Assert.AreEqual((long)samples.Count, oneByOne.SamplesReceived, "refused samples are not received");
    }
}
