using System.Globalization;
using System.IO.Compression;
using Microsoft.ML;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;
using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>
/// <c>generate</c> → <c>train</c> → <c>evaluate</c> → <c>score</c> end to end on generated CSV logs, and the bad input
/// that <c>score</c> must refuse with a clear message, a non-zero exit code and no output file.
/// </summary>
[TestClass]
public sealed class ScoreCommandTests
{
    private static FixtureFolder fixture = null!;
    private static string bundle = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void TrainOnAGeneratedLog(TestContext context)
    {
        fixture = new FixtureFolder();
        bundle = TrainedBundle.Train(fixture, epochs: 3, context, "--units", "g,g,g,rad/s,rad/s,rad/s");
    }

    [ClassCleanup]
    public static void Remove() => fixture.Dispose();

    private static string[] Score(string input, string output, params string[] more) =>
        ["score", "--model", bundle, "--input", input, "--output", output, "--subject", "Subject", .. more];

    /// <summary>A CSV line with field <paramref name="field"/> changed.</summary>
    private static string WithField(string line, int field, Func<string, string> change)
    {
        var fields = line.Split(',');
        fields[field] = change(fields[field]);
        return string.Join(',', fields);
    }

    /// <summary>The lines of a log that <c>generate</c> writes for four subjects over three minutes, for a test to edit.</summary>
    private static string[] GeneratedLines(FixtureFolder folder, int seed)
    {
        var generated = Path.Combine(folder.Root, "generated.csv");
        Assert.AreEqual(0, Tool.Run("generate", "--output", generated, "--subjects", "4", "--seed", $"{seed}", "--hours", "0.05").ExitCode);
        return File.ReadAllLines(generated);
    }

    /// <summary>A bundle trained with <c>--subject 'Person Nr.'</c> keeps that name, and score reads the subjects from it unasked.</summary>
    [TestMethod]
    public void Score_reads_the_subject_column_the_bundle_was_trained_with()
    {
        using var folder = new FixtureFolder();
        var lines = GeneratedLines(folder, seed: 5);
        lines[0] = string.Join(',', lines[0].Split(',').Select(c => c == "Subject" ? "Person Nr." : c));
        var log = folder.Write("people.csv", string.Join('\n', lines) + "\n");
        var model = Path.Combine(folder.Root, "model");
        var trained = Tool.Run("train", "--data", log, "--output", model, "--epochs", "1", "--test-subjects", "subject04", "--subject", "Person Nr.");
        Assert.AreEqual(0, trained.ExitCode, trained.Error);
        using (var loaded = HarModelBundle.Load(new MLContext(), Path.Combine(model, "bundle.zip")))
            Assert.AreEqual("Person Nr.", loaded.Manifest.SubjectColumnName);

        var predictions = Path.Combine(folder.Root, "predictions.csv");
        var scored = Tool.Run("score", "--model", Path.Combine(model, "bundle.zip"), "--input", log, "--output", predictions);

        Assert.AreEqual(0, scored.ExitCode, scored.Error);
        var rows = File.ReadLines(predictions).Skip(1).Select(l => l.Split(',')).ToList();
        CollectionAssert.AreEquivalent(new[] { "subject01", "subject02", "subject03", "subject04" }, rows.Select(r => r[1]).Distinct().ToArray(),
            "every window carries its subject: the four were not merged into one recording");
    }

    /// <summary>Piped, train prints every epoch as a line (the live bar dropped some and never showed the last); a channel
    /// that never varies is named in a warning (its scale was 1e-8, silently).</summary>
    [TestMethod]
    public void Piped_training_prints_every_epoch_and_warns_of_a_constant_channel()
    {
        using var folder = new FixtureFolder();
        var lines = GeneratedLines(folder, seed: 6);
        var gyroZ = Array.IndexOf(lines[0].Split(','), "GyroZ");
        var log = folder.Write("flat.csv", string.Join('\n', lines.Select((l, i) => i == 0 ? l : WithField(l, gyroZ, _ => "0.25"))) + "\n");

        var trained = Tool.Run("train", "--data", log, "--output", Path.Combine(folder.Root, "model"), "--epochs", "3", "--test-subjects", "subject04");

        Assert.AreEqual(0, trained.ExitCode, trained.Error);
        foreach (var epoch in new[] { 1, 2, 3 })
            StringAssert.Contains(trained.Output, $"epoch {epoch}: loss ");
        StringAssert.Contains(trained.Output, "warning: channel 'GyroZ' is constant in the training windows (normalisation scale 1E-08)");
        Assert.IsFalse(trained.Output.Contains("channel 'GyroY' is constant", StringComparison.Ordinal));
    }

    /// <summary>Training in float64 (the authors' precision) still writes a float32 ONNX model that scores.</summary>
    [TestMethod]
    public void Train_in_float64_writes_a_float32_model_that_scores()
    {
        var train = Path.Combine(fixture.Root, "logs", "train.csv");
        var model = Path.Combine(fixture.Root, "model-float64");
        var trained = Tool.Run("train", "--data", train, "--output", model, "--epochs", "1", "--test-subjects", "subject05", "--precision", "Float64", "--threads", "1");
        Assert.AreEqual(0, trained.ExitCode, trained.Error);
        var metadata = TinierHAR.MLNet.Onnx.HarModelMetadata.Read(Path.Combine(model, "model.onnx"));
        Assert.AreEqual(("tinierhar", 6), (metadata.Network.ArchitectureName, metadata.Channels));
        var predictions = Path.Combine(fixture.Root, "float64-predictions.csv");
        var scored = Tool.Run(["score", "--model", Path.Combine(model, "bundle.zip"), "--input", train, "--output", predictions, "--subject", "Subject"]);
        Assert.AreEqual(0, scored.ExitCode, scored.Error);
        Assert.IsGreaterThan(1, File.ReadLines(predictions).Count());
    }

    [TestMethod]
    public void Train_writes_the_bundle_the_ONNX_file_the_report_and_the_pictures()
    {
        var model = Path.GetDirectoryName(bundle)!;
        foreach (var file in new[] { "bundle.zip", "model.onnx", "metrics.txt", "confusion.png", "training-curves.png" })
            Assert.IsTrue(new FileInfo(Path.Combine(model, file)).Length > 0, file);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(model, "confusion.png"))[..4]);
        StringAssert.Contains(File.ReadAllText(Path.Combine(model, "metrics.txt")), "held-out subjects: subject05");
        Assert.IsEmpty(Directory.GetFiles(model, "*.partial"), "no temporary file is left");
    }

    [TestMethod]
    public void Evaluate_reports_metrics_on_a_labelled_log()
    {
        using var folder = new FixtureFolder();
        var log = Path.Combine(folder.Root, "eval.csv.gz");
        SyntheticImuCsv.Write(log, new SyntheticImuOptions { Subjects = 1, Seed = 21, BoutsPerSubject = 6, MinBoutSeconds = 8, MaxBoutSeconds = 12 });
        var result = Tool.Run("evaluate", "--model", bundle, "--data", log, "--output", Path.Combine(folder.Root, "eval"));
        Assert.AreEqual(0, result.ExitCode, result.Error);
        StringAssert.Matches(result.Output, new System.Text.RegularExpressions.Regex(@"[\d,]+ windows: accuracy \d\.\d{3}"));
        StringAssert.Contains(result.Output, "windows whose label is not a model class: 0");
        StringAssert.Matches(result.Output, new System.Text.RegularExpressions.Regex(@"rows not covered: [\d,]+ \(0 in 0 segments shorter than a window, [\d,]+ in the tails of 1 segment, "));
        Assert.IsTrue(File.Exists(Path.Combine(folder.Root, "eval", "confusion.png")));

        // The model's 128-sample windows every 128 samples instead of 64, labelled by their last sample.
        var sparse = Tool.Run("evaluate", "--model", bundle, "--data", log, "--output", Path.Combine(folder.Root, "eval-sparse"), "--step", "2.56s", "--label-rule", "Last");
        Assert.AreEqual(0, sparse.ExitCode, sparse.Error);
        int Windows(string output) => int.Parse(System.Text.RegularExpressions.Regex.Match(output, @"windows: (\d+) \(").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.AreEqual((Windows(result.Output) + 1) / 2, Windows(sparse.Output), 1);
    }

    [TestMethod]
    public void Score_streams_a_log_into_windows_and_segments_accounting_for_every_row()
    {
        using var folder = new FixtureFolder();
        // Two files matched by a pattern: one compressed, one plain; 2 subjects in the first.
        var first = Path.Combine(folder.Root, "log-a.csv.gz");
        var second = Path.Combine(folder.Root, "log-b.csv");
        var rowsA = SyntheticImuCsv.Write(first, new SyntheticImuOptions { Subjects = 2, Seed = 31, BoutsPerSubject = 6, MinBoutSeconds = 8, MaxBoutSeconds = 12 }).Rows;
        var rowsB = SyntheticImuCsv.Write(second, new SyntheticImuOptions { Subjects = 1, Seed = 32, BoutsPerSubject = 6, MinBoutSeconds = 5, MaxBoutSeconds = 8 }).Rows;
        var output = Path.Combine(folder.Root, "out", "predictions.csv"); // score makes the folder
        var segments = Path.Combine(folder.Root, "out", "segments.csv");

        var result = Tool.Run(Score(Path.Combine(folder.Root, "log-*"), output, "--segments", segments, "--smooth", "3", "--threshold", "0.2"));
        Assert.AreEqual(0, result.ExitCode, result.Error);
        TestContext.WriteLine(result.Output);

        var windows = File.ReadAllLines(output);
        var header = windows[0].Split(',');
        CollectionAssert.AreEqual(new[] { "source", "subject", "session", "first_sample", "last_sample", "start_time", "end_time", "predicted", "confidence" }, header[..9]);
        Assert.HasCount(9 + 6, header, "one probability per class");
        var rows = windows[1..].Select(l => l.Split(',')).ToList();
        CollectionAssert.AreEquivalent(new[] { "log-a.csv.gz", "log-b.csv" }, rows.Select(r => r[0]).Distinct().ToArray());
        Assert.AreEqual(3, rows.Select(r => (r[0], r[1])).Distinct().Count(), "three recordings");
        Assert.IsTrue(rows.All(r => Math.Abs(r[9..].Sum(p => double.Parse(p, CultureInfo.InvariantCulture)) - 1) < 1e-4), "probabilities sum to 1");
        Assert.IsTrue(rows.All(r => r[7] == "unknown" == (double.Parse(r[8], CultureInfo.InvariantCulture) < 0.2)), "the threshold decides 'unknown'");
        Assert.IsTrue(rows.All(r => r[5..7].All(t => !t.Contains('.', StringComparison.Ordinal) || t.Length - t.IndexOf('.', StringComparison.Ordinal) <= 7)),
            "times to the microsecond, without float noise such as 3.8406219999999998");
        // 128-sample windows every 64 samples: each recording of n rows gives (n − 128) / 64 + 1 windows.
        StringAssert.Contains(result.Output, $"rows read:        {rowsA + rowsB:N0}");
        StringAssert.Contains(result.Output, $"windows scored:   {rows.Count:N0}");
        StringAssert.Contains(result.Output, "rows removed:     0");
        int Count(string label) => int.Parse(new System.Text.RegularExpressions.Regex(label + @": +([\d,]+)").Match(result.Output).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.AreEqual(rowsA + rowsB, Count("rows in windows") + Count("rows not covered") + Count("rows removed"), "rows in = in windows + not covered + removed");
        StringAssert.Matches(result.Output, new System.Text.RegularExpressions.Regex(@"whole run: +[\d,]+ rows/s \([\d.]+ s since the process started"));

        Assert.AreEqual(rows.Count, SegmentsTilingEachRecording(segments).Sum(s => s.Windows), "every window lies in one segment");
        Assert.IsEmpty(Directory.GetFiles(folder.Root, "*.partial", SearchOption.AllDirectories));
    }

    /// <summary>The segments file's rows, after checking that each recording's segments follow each other in time order, each
    /// starting where the previous ended.</summary>
    private static List<(string Activity, double Start, double End, int Windows)> SegmentsTilingEachRecording(string path)
    {
        var rows = File.ReadAllLines(path)[1..].Select(l => l.Split(',')).ToList();
        foreach (var recording in rows.GroupBy(s => (s[0], s[1], s[2])))
        {
            var bounds = recording.Select(s => (Start: double.Parse(s[4], CultureInfo.InvariantCulture), End: double.Parse(s[5], CultureInfo.InvariantCulture))).ToList();
            Assert.IsTrue(bounds.All(b => b.Start < b.End), $"{recording.Key}: every segment has a positive length");
            Assert.IsTrue(bounds.Zip(bounds.Skip(1)).All(p => p.First.End == p.Second.Start),
                $"{recording.Key}: the segments tile the recording: {string.Join(" ", bounds.Take(6).Select(b => $"{b.Start}-{b.End}"))}");
        }
        return rows.Select(s => (s[3], double.Parse(s[4], CultureInfo.InvariantCulture), double.Parse(s[5], CultureInfo.InvariantCulture), int.Parse(s[6], CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>Jitter and dropped samples move the clock's ticks, not the activities: the segments stay as few as on the
    /// clean log and still tile each recording (they were one per window, overlapping, before).</summary>
    [TestMethod]
    [DataRow(0.003, 0.0, DisplayName = "3 ms jitter")]
    [DataRow(0.0, 0.03, DisplayName = "3 % of samples dropped")]
    public void Segments_tile_each_recording_on_a_jittery_or_dropping_clock(double jitter, double drops)
    {
        using var folder = new FixtureFolder();
        int Segments(string name, SyntheticImuOptions options)
        {
            var log = Path.Combine(folder.Root, name + ".csv");
            SyntheticImuCsv.Write(log, options);
            var segments = Path.Combine(folder.Root, name + "-segments.csv");
            var result = Tool.Run(Score(log, Path.Combine(folder.Root, name + "-windows.csv"), "--segments", segments, "--smooth", "3"));
            Assert.AreEqual(0, result.ExitCode, result.Error);
            StringAssert.Contains(result.Output, "out of order, 0 gaps", result.Output);
            return SegmentsTilingEachRecording(segments).Count;
        }
        SyntheticImuOptions Log() => new() { Subjects = 1, Seed = 61, BoutsPerSubject = 6, MinBoutSeconds = 10, MaxBoutSeconds = 14 };

        var clean = Segments("clean", Log());
        var faulty = Log();
        (faulty.TimestampJitterSeconds, faulty.DroppedSampleFraction) = (jitter, drops);

        Assert.IsLessThanOrEqualTo(clean + 2, Segments("faulty", faulty), $"clean: {clean} segments");
    }

    [TestMethod]
    public void A_file_of_several_subjects_is_split_by_its_subject_column_without_naming_it()
    {
        using var folder = new FixtureFolder();
        var log = Path.Combine(folder.Root, "log.csv");
        SyntheticImuCsv.Write(log, new SyntheticImuOptions { Subjects = 2, Seed = 51, BoutsPerSubject = 6, MinBoutSeconds = 5, MaxBoutSeconds = 6 });
        var output = Path.Combine(folder.Root, "out.csv");

        var result = Tool.Run("score", "--model", bundle, "--input", log, "--output", output);

        Assert.AreEqual(0, result.ExitCode, result.Error);
        var subjects = File.ReadAllLines(output)[1..].Select(l => l.Split(',')[1]).Distinct().ToArray();
        CollectionAssert.AreEqual(new[] { "subject01", "subject02" }, subjects);
    }

    [TestMethod]
    public void Malformed_lines_stop_with_file_and_line_or_are_skipped_and_counted_on_request()
    {
        using var folder = new FixtureFolder();
        var log = Path.Combine(folder.Root, "log.csv");
        SyntheticImuCsv.Write(log, new SyntheticImuOptions { Subjects = 1, Seed = 41, BoutsPerSubject = 6, MinBoutSeconds = 5, MaxBoutSeconds = 6 });
        var lines = File.ReadAllLines(log).ToList();
        lines[10] = lines[10].Replace(lines[10].Split(',')[3], "oops");
        lines[20] = string.Join(',', lines[20].Split(',')[..4]);
        File.WriteAllLines(log, lines);
        var output = Path.Combine(folder.Root, "out.csv");

        var refused = Tool.Run(Score(log, output));
        Assert.AreEqual(2, refused.ExitCode);
        StringAssert.Contains(refused.Error, "log.csv' line 11: column 'AccY': 'oops' is not a number");
        Assert.IsFalse(File.Exists(output), "no output that looks complete");
        Assert.IsEmpty(Directory.GetFiles(folder.Root, "*.partial"), "the temporary file is removed");

        var skipped = Tool.Run(Score(log, output, "--malformed", "Skip"));
        Assert.AreEqual(0, skipped.ExitCode, skipped.Error);
        StringAssert.Contains(skipped.Output, "rows removed:     2 (malformed lines (non-numeric values): 1, malformed lines (short rows): 1)");
        StringAssert.Contains(skipped.Output, $"rows read:        {lines.Count - 1:N0}");
    }

    [TestMethod]
    public void Bad_logs_and_bundles_are_refused_with_a_clear_message_and_no_output()
    {
        using var folder = new FixtureFolder();
        var output = Path.Combine(folder.Root, "out.csv");
        var good = Path.Combine(folder.Root, "good.csv");
        SyntheticImuCsv.Write(good, new SyntheticImuOptions { Subjects = 1, Seed = 51, BoutsPerSubject = 6, MinBoutSeconds = 5, MaxBoutSeconds = 6 });
        var lines = File.ReadAllLines(good);

        void Refused(string[] args, string message)
        {
            var result = Tool.Run(args);
            Assert.AreEqual(2, result.ExitCode, $"{string.Join(' ', args)}: {result.Output}");
            StringAssert.Contains(result.Error, message);
            Assert.IsFalse(File.Exists(output), message);
        }

        var noChannel = folder.Write("no-gyro.csv", string.Join('\n', lines.Select(l => string.Join(',', l.Split(',')[..7]))));
        Refused(Score(noChannel, output), "no channel column 'GyroZ'");

        var unsorted = folder.Write("unsorted.csv", string.Join('\n', lines.Take(300).Concat(lines.Skip(200).Take(200))));
        Refused(Score(unsorted, output, "--out-of-order", "Error"), "unsorted.csv' line 301, column 'Time' (recording unsorted.csv/subject01): timestamp 3.98 s is earlier than the previous sample's 5.96 s");

        var repeated = folder.Write("repeated.csv", string.Join('\n', lines.Take(300).Append(lines[299])));
        Refused(Score(repeated, output, "--repeats", "Error"), "repeated.csv' line 301, column 'Time' (recording repeated.csv/subject01): timestamp 5.96 s repeats the previous sample's");

        var unreadable = folder.Write("unreadable.csv", string.Join('\n', lines.Take(10).Append(WithField(lines[10], 1, _ => "noon"))));
        Refused(Score(unreadable, output), "unreadable.csv' line 11: column 'Time': 'noon' is not a number (timestamps read as s)");
        Refused(Score(good, output, "--time-unit", "fortnights"), "Invalid option '--time-unit': Unknown time unit 'fortnights': use auto, s, ms, us, ns or datetime.");

        Refused(Score(folder.Write("empty.csv", ""), output), "empty.csv' is empty");
        Refused(Score(folder.Write("header-only.csv", lines[0] + "\n"), output), "header-only.csv' has a header and no data rows");
        Refused(Score(Path.Combine(folder.Root, "nothing-*.csv"), output), "matches no file");

        var truncated = Path.Combine(folder.Root, "truncated.zip");
        File.WriteAllBytes(truncated, File.ReadAllBytes(bundle)[..1000]);
        Refused(["score", "--model", truncated, "--input", good, "--output", output], "not a readable model bundle");
        var foreign = Path.Combine(folder.Root, "foreign.zip");
        using (var zip = ZipFile.Open(foreign, ZipArchiveMode.Create))
            zip.CreateEntry("readme.txt");
        Refused(["score", "--model", foreign, "--input", good, "--output", output], "is not a TinierHAR.MLNet model bundle");
        var switching = folder.Write("switching.csv", string.Join('\n', lines.Take(200).Concat(lines.Skip(200).Take(100).Select(l =>
            WithField(l, 1, time => (double.Parse(time, CultureInfo.InvariantCulture) * 1000).ToString("R", CultureInfo.InvariantCulture))))));
        Refused(Score(switching, output), "switching.csv' line 209, column 'Time' (recording switching.csv/subject01): the last 8 intervals are each about 1000 times the recording's median of 0.02 s: the clock changes unit from '");

        Refused(Score(good, folder.Root), $"'{folder.Root}' is a directory, not a file to write.");
        Refused(["score", "--model", folder.Root, "--input", good, "--output", output], $"Model bundle '{folder.Root}' is a directory, not a bundle file.");
        var people = Path.Combine(folder.Root, "people.csv");
        SyntheticImuCsv.Write(people, new SyntheticImuOptions { Subjects = 4, Seed = 53, BoutsPerSubject = 6, MinBoutSeconds = 5, MaxBoutSeconds = 6 });
        Refused(["train", "--data", people, "--output", output, "--window", "100000", "--epochs", "1"],
            "There are no windows to normalise: no recording is as long as one window of 100,000 samples");
        Refused(Score(good, output, "--smooth", "4"), "'--smooth'");
        Refused(Score(good, output, "--threshold", "2"), "'--threshold'");
    }

    /// <summary>A log with a timestamp of 1e30 scores with two gaps counted; with missing and infinite values, the summary
    /// counts the values filled in.</summary>
    [TestMethod]
    public void A_corrupt_timestamp_is_counted_as_gaps_and_filled_values_are_counted()
    {
        using var folder = new FixtureFolder();
        var good = Path.Combine(folder.Root, "good.csv");
        SyntheticImuCsv.Write(good, new SyntheticImuOptions { Subjects = 1, Seed = 52, BoutsPerSubject = 6, MinBoutSeconds = 5, MaxBoutSeconds = 6 });
        var lines = File.ReadAllLines(good);

        var corrupt = folder.Write("corrupt.csv", string.Join('\n', lines.Select((l, i) => i == 500 ? WithField(l, 1, _ => "1e30") : l)));
        var scored = Tool.Run(Score(corrupt, Path.Combine(folder.Root, "corrupt-windows.csv")));
        Assert.AreEqual(0, scored.ExitCode, scored.Error);
        StringAssert.Contains(scored.Output, "out of order, 2 gaps");
        StringAssert.Contains(scored.Output, "values filled:    0 ");

        var holes = folder.Write("holes.csv", string.Join('\n', lines.Select((l, i) => i is 300 or 301 ? WithField(l, 2, _ => "") : i == 400 ? WithField(l, 3, _ => "Infinity") : l)));
        var filled = Tool.Run(Score(holes, Path.Combine(folder.Root, "holes-windows.csv")));
        Assert.AreEqual(0, filled.ExitCode, filled.Error);
        StringAssert.Contains(filled.Output, "values filled:    3 (missing or non-finite channel values");
    }

    [TestMethod]
    public void Windows_never_span_a_timestamp_gap()
    {
        using var folder = new FixtureFolder();
        var log = Path.Combine(folder.Root, "gap.csv");
        SyntheticImuCsv.Write(log, new SyntheticImuOptions { Subjects = 1, Seed = 61, BoutsPerSubject = 6, MinBoutSeconds = 5, MaxBoutSeconds = 5 });
        // Samples 0–499, then a 10 s hole, then the rest: the windowing starts again after the hole.
        var lines = File.ReadAllLines(log).ToList();
        for (var i = 501; i < lines.Count; i++)
            lines[i] = WithField(lines[i], 1, time => (double.Parse(time, CultureInfo.InvariantCulture) + 10).ToString(CultureInfo.InvariantCulture));
        File.WriteAllLines(log, lines);
        var output = Path.Combine(folder.Root, "out.csv");
        var result = Tool.Run(Score(log, output));
        Assert.AreEqual(0, result.ExitCode, result.Error);
        StringAssert.Contains(result.Output, "0 repeated, 0 out of order, 1 gaps");
        var spans = File.ReadAllLines(output)[1..].Select(l => l.Split(',')).Select(f => (First: long.Parse(f[3], CultureInfo.InvariantCulture), Last: long.Parse(f[4], CultureInfo.InvariantCulture)));
        Assert.IsTrue(spans.All(s => s.Last < 500 || s.First >= 500), "no window holds samples from both sides of the gap");
        Assert.IsTrue(spans.Any(s => s.First == 500), "windowing restarts at the first sample after the gap");
    }

    [TestMethod]
    public void A_log_with_other_column_names_and_units_scores_like_the_model_s_own()
    {
        using var folder = new FixtureFolder();
        var own = Path.Combine(folder.Root, "own.csv");
        SyntheticImuCsv.Write(own, new SyntheticImuOptions { Subjects = 1, Seed = 71, BoutsPerSubject = 6, MinBoutSeconds = 5, MaxBoutSeconds = 6 });
        // The same samples as another device writes them: its own column names, m/s² and deg/s.
        var lines = File.ReadAllLines(own);
        var header = lines[0].Split(',');
        var converted = lines.Skip(1).Select(line => string.Join(',', line.Split(',').Select((field, i) => header[i] switch
        {
            "AccX" or "AccY" or "AccZ" => (double.Parse(field, CultureInfo.InvariantCulture) * 9.80665).ToString("R", CultureInfo.InvariantCulture),
            "GyroX" or "GyroY" or "GyroZ" => (double.Parse(field, CultureInfo.InvariantCulture) * 180 / Math.PI).ToString("R", CultureInfo.InvariantCulture),
            _ => field,
        })));
        var renamed = string.Join(',', header.Select(h => h.StartsWith("Acc", StringComparison.Ordinal) || h.StartsWith("Gyro", StringComparison.Ordinal) ? h.ToLowerInvariant() : h));
        var other = folder.Write("other.csv", string.Join('\n', converted.Prepend(renamed)));
        string[] mapping = ["--channels", "AccX=accx,AccY=accy,AccZ=accz,GyroX=gyrox,GyroY=gyroy,GyroZ=gyroz"];

        var expected = Tool.Run(Score(own, Path.Combine(folder.Root, "own-out.csv")));
        var result = Tool.Run(Score(other, Path.Combine(folder.Root, "other-out.csv"), [.. mapping, "--units", "m/s^2,m/s^2,m/s^2,deg/s,deg/s,deg/s"]));
        Assert.AreEqual(0, expected.ExitCode, expected.Error);
        Assert.AreEqual(0, result.ExitCode, result.Error);
        var a = File.ReadAllLines(Path.Combine(folder.Root, "own-out.csv"))[1..].Select(l => l.Split(',')[9..].Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var b = File.ReadAllLines(Path.Combine(folder.Root, "other-out.csv"))[1..].Select(l => l.Split(',')[9..].Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.HasCount(a.Count, b);
        var largest = a.Zip(b).Max(p => p.First.Zip(p.Second, (x, y) => Math.Abs(x - y)).Max());
        TestContext.WriteLine($"{a.Count} windows; largest probability difference {largest:E1}");
        Assert.IsLessThan(1e-4, largest, "converted back to g and rad/s, the log scores as the model's own");

        var output = Path.Combine(folder.Root, "refused.csv");
        var unmapped = Tool.Run(Score(other, output));
        StringAssert.Contains(unmapped.Error, "no channel column 'AccX'");
        var wrongQuantity = Tool.Run(Score(other, output, [.. mapping, "--units", "AccX=deg/s"]));
        Assert.AreEqual(2, wrongQuantity.ExitCode);
        StringAssert.Contains(wrongQuantity.Error, "Channel 'AccX': the log's unit 'deg/s' measures angular velocity, the model's 'g' acceleration; they cannot be converted.");
        var unknownUnit = Tool.Run(Score(other, output, [.. mapping, "--units", "GyroZ=rpm"]));
        StringAssert.Contains(unknownUnit.Error, "Channel 'GyroZ': unknown unit 'rpm' (known: g, mg, m/s^2, rad/s, deg/s).");
        var strangeChannel = Tool.Run(Score(other, output, "--channels", "Pressure=p"));
        StringAssert.Contains(strangeChannel.Error, "Invalid option '--channels': 'Pressure=p' is not model=log with a model channel");
        Assert.IsFalse(File.Exists(output));
    }
}
