using System.Globalization;
using System.Text.RegularExpressions;
using TinierHAR.Datasets;
using TinierHAR.MLNet.Architectures;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Networks;
using static TinierHAR.TestSupport.RepositoryDocuments;

namespace TinierHAR.Experiments.Tests.Experiments;

/// <summary>
/// The figures of benchmark and tool runs quoted in prose (training speed, the scoring limit, the cluster, window
/// scoring, <c>score</c> end to end: issue 28's ratios among them; the device-log runs and the Cortex-M4 build) are
/// their committed runs': each is recomputed here from the output the document shows, rounded as a reader rounds it,
/// and must stand in the prose as quoted.
/// </summary>
[TestClass]
public sealed partial class RunFiguresInProseTests
{
    private static readonly string Root = SharedData.RepositoryRoot;

    /// <summary>
    /// The training-speed prose quotes the committed runs of <c>benchmarks/training-epochs.sh</c> shown in its section, in
    /// the order of their blocks: each run's PyTorch and TinierHAR passes and their ratio, the newest run's A/B of the
    /// native-memory setting (and its defaults again, rounded, beside the earliest run), the last earlier run's, and the
    /// ranges the summary gives. Values are rounded as a reader rounds the files' decimals.
    /// </summary>
    [TestMethod]
    public void The_training_speed_prose_quotes_the_committed_runs()
    {
        var document = File.ReadAllText(Path.Combine(Root, "docs", "training-fidelity.md"));
        var start = document.IndexOf("### Training speed", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, "the section");
        var end = document.IndexOf("\n#", start + 1, StringComparison.Ordinal);
        var section = document[start..(end < 0 ? document.Length : end)];
        var runs = TrainingRunBlock().Matches(section)
            .Select(m => TrainingRun(Path.Combine(Root, "benchmarks", "results", m.Groups[1].Value))).ToArray();
        Assert.IsGreaterThanOrEqualTo(2, runs.Length, "the newest run and earlier ones are shown");

        var (newest, earlier) = (runs[0], runs[1..]);
        var expected = new[]
        {
            $"gave {Listed(runs.Select(r => Fixed(r["authors' PyTorch"], 2)))} s for theirs against {Listed(runs.Select(r => Fixed(r["tinierhar | float32"], 2)))} s for ours: " +
                $"**{Listed(runs.Select(r => Fixed(r["authors' PyTorch"] / r["tinierhar | float32"], 2) + "x"))},",
            $"TinierHAR {Fixed(newest["tinierhar | float32, native memory released"], 2)} against {Fixed(newest["tinierhar | float32"], 2)} s, " +
                $"TinyHAR {Fixed(newest["tinyhar | float32, native memory released"], 2)} against {Fixed(newest["tinyhar | float32"], 2)} s and " +
                $"DeepConvLSTM {Fixed(newest["deepconvlstm | float32, native memory released"], 2)} against {Fixed(newest["deepconvlstm | float32"], 2)} s, " +
                Listed(new[] { "tinierhar", "tinyhar", "deepconvlstm" }.Select(m => Fixed(newest[$"{m} | float32, native memory released"] / newest[$"{m} | float32"], 1) + "x")),
            $"gave {Fixed(earlier[^1]["tinierhar | float32, native memory released"], 2)} against {Fixed(earlier[^1]["tinierhar | float32"], 2)} s for TinierHAR and " +
                $"{Fixed(earlier[^1]["tinyhar | float32, native memory released"], 2)} against {Fixed(earlier[^1]["tinyhar | float32"], 2)} s for TinyHAR",
            $"DeepConvLSTM took {Range(earlier.Select(r => r["deepconvlstm | float32"]), 0)} s in all three earlier runs",
            $"with the same defaults ({Fixed(newest["deepconvlstm | float32, native memory released"], 1)} s for DeepConvLSTM and {Fixed(newest["tinyhar | float32, native memory released"], 1)} s for TinyHAR)",
            $"against our {Range(runs.Select(r => r["tinierhar | float64"]), 1)} s",
            $"PyTorch's pass alone moves from {Fixed(runs.Min(r => r["authors' PyTorch"]), 2)} to {Fixed(runs.Max(r => r["authors' PyTorch"]), 2)} s between them",
        };
        AssertQuoted(Prose(section), expected, "docs/training-fidelity.md, \"Training speed\"");
        AssertQuoted(Prose(document),
            [$"A training pass takes {Range(runs.Select(r => r["tinierhar | float32"]), 1)} s against the authors' PyTorch code's {Range(runs.Select(r => r["authors' PyTorch"]), 1)} s " +
                $"in float32, each pair measured in the same run on one thread each ({Range(runs.Select(r => r["authors' PyTorch"] / r["tinierhar | float32"]), 1)}x)"],
            "the summary at the top of docs/training-fidelity.md");
    }

    /// <summary>
    /// The training-speed prose quotes the authors' code's speed from <c>../shared/notes/reference-run.md</c> as the
    /// notes give it: float32 on two threads, float64 on one.
    /// </summary>
    [TestMethod]
    public void The_training_speed_prose_quotes_the_reference_notes()
    {
        var notes = File.ReadAllText(Path.Combine(SharedData.RequireDirectory("notes"), "reference-run.md"));
        var speed = NotesSpeed().Match(notes);
        Assert.IsTrue(speed.Success, "reference-run.md gives the authors' code's speed");
        var float32 = speed.Groups["float32"].Value.Split(", ").Select(s => decimal.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        AssertQuotedIn("docs/training-fidelity.md",
            $"The reference notes' {Range(float32, 1)} s for PyTorch in float32 on two threads",
            $"their code needed {speed.Groups["float64"].Value.Replace('-', '–')} s per pass on this kind of machine (`../shared/notes/reference-run.md`)");
    }

    [GeneratedRegex(@"float32, 2 threads: (?<float32>[\d.]+(?:, [\d.]+)*) s per epoch \(epochs 1-3\); float64, 1 thread: (?<float64>[\d.]+-[\d.]+) s alone")]
    private static partial Regex NotesSpeed();

    /// <summary>The shared-machine prose of docs/training-fidelity.md quotes the committed run of
    /// <c>benchmarks/concurrent-training.sh</c>: two trainings at once, each on every core, against one alone.</summary>
    [TestMethod]
    public void The_concurrent_training_prose_quotes_the_committed_run()
    {
        var run = File.ReadAllText(Path.Combine(Root, "benchmarks", "results", "concurrent-training.txt"));
        var slowdown = decimal.Parse(Captured(run, @"\n2 \| libgomp default \|[^\n]*\| ([\d.]+)x"), CultureInfo.InvariantCulture);
        AssertQuotedIn("docs/training-fidelity.md", $"two such trainings at once ran each {Fixed(slowdown, 0)} times slower than one alone");
    }

    /// <summary>
    /// The scoring-limit prose of docs/benchmarks.md (issue 28's ratios) quotes the committed BenchmarkDotNet report it
    /// shows: the limit (the slower stage's rate), <c>score</c>'s rates and their ratios to it, and the two-core bound
    /// computed from the stages' times.
    /// </summary>
    [TestMethod]
    public void The_scoring_limit_prose_quotes_the_committed_benchmark()
    {
        var report = BenchmarkRows("TinierHAR.Benchmarks.ScoringLimitBenchmarks-report-github.md");
        var (parse, scorer, clean, faulty) = (report("parse only"), report("scorer only"), report("score, clean log"), report("score, faulty log"));
        var limit = Math.Min(parse.PerSecond, scorer.PerSecond);
        var coreSeconds = parse.Seconds + 2 * scorer.Seconds; // parsing takes one core, the scorer both
        var bound = parse.PerSecond * parse.Seconds / (coreSeconds / 2);
        string Millions(decimal perSecond, int decimals) => Fixed(perSecond / 1_000_000, decimals) + " M";

        var expected = new[]
        {
            $"the scorer at {Millions(limit, 2)} samples/s",
            $"`score` runs at {Millions(clean.PerSecond, 2)} on the clean log and {Millions(faulty.PerSecond, 2)} on the faulty one: {Fixed(clean.PerSecond / limit, 2)}x and {Fixed(faulty.PerSecond / limit, 2)}x of the limit",
            $"Parsing alone takes {Fixed(parse.Seconds, 2)} s of one core and the scorer {Fixed(scorer.Seconds, 2)} s of both (about {Fixed(2 * scorer.Seconds, 2)} core-seconds)",
            $"the pass needs {Fixed(coreSeconds, 2)} core-seconds, at least {Fixed(coreSeconds / 2, 2)} s on two cores: {Millions(bound, 1)} rows/s, {Fixed(bound / limit, 2)}x of the limit",
            $"`score` takes {Fixed(clean.Seconds, 2)} s, that is about {Fixed(2 * clean.Seconds - coreSeconds, 1)} core-seconds beyond those two stages",
            $"the faulty log, which needs every repair, runs at {Fixed(faulty.PerSecond / clean.PerSecond, 2)} of the clean log's rate",
        };
        AssertQuoted(Prose(File.ReadAllText(Path.Combine(Root, "docs", "benchmarks.md"))), expected, "docs/benchmarks.md, (b')");
    }

    /// <summary>
    /// The benchmark settings docs/benchmarks.md names are its committed reports': the windows per invocation of (a) and
    /// (d) (items per second times the mean, the same in every row), (d)'s batches, the samples and hours of (b)'s log
    /// (at the generator's rate), the profile's batch and Conv nodes, and DeepConvLSTM's filters.
    /// </summary>
    [TestMethod]
    public void The_benchmark_settings_prose_matches_the_committed_reports()
    {
        // Items per second times the mean: the same in every row up to the cells' rounding (a mean of 4 digits).
        decimal PerInvocation(string report)
        {
            var counts = BenchmarkTable(report).Select(row => Measured(row["Items/s"], "") * MeanSeconds(row["Mean"])).Order().ToArray();
            Assert.IsLessThan(0.001m, (counts[^1] - counts[0]) / counts[0], $"{report}: every row scores the same items");
            return Math.Round(counts[counts.Length / 2]);
        }
        var (windows, graphWindows, samples) = (PerInvocation("TinierHAR.Benchmarks.WindowScoringBenchmarks-report-github.md"),
            PerInvocation("TinierHAR.Benchmarks.OnnxGraphBenchmarks-report-github.md"), PerInvocation("TinierHAR.Benchmarks.LogScoringBenchmarks-report-github.md"));
        var batches = BenchmarkTable("TinierHAR.Benchmarks.OnnxGraphBenchmarks-report-github.md").Select(row => row["Batch"]).Distinct();
        var rate = new MLNet.Data.SyntheticImuOptions().SamplingRateHz;
        var profile = File.ReadAllText(Path.Combine(Root, "benchmarks", "results", "profile-torch-export-all.md"));
        AssertQuotedIn("docs/benchmarks.md",
            string.Create(CultureInfo.InvariantCulture, $"TinierHAR with the paper's defaults, {windows:N0} windows:"),
            $"a generated {Fixed(samples / (decimal)rate / 3600, 0)}-hour CSV log",
            $"{rate} Hz, {MLNet.Data.ImuSample.ChannelNames.Count} channels, {Fixed(samples / 1_000_000m, 1)} M samples",
            string.Create(CultureInfo.InvariantCulture, $"{graphWindows:N0} random windows per invocation in batches of {Listed(batches)}"),
            $"the `profile` verb at batch {Captured(profile, @"^Profile of torch_export\.onnx: batch (\d+),")}, one thread",
            $"({Captured(profile, @"\n\| Conv \| (\d+) \|")} Conv nodes)",
            $"DeepConvLSTM's {new DeepConvLstmOptions().Filters} filters gain from NCHWc");
    }

    /// <summary>
    /// The cluster prose of docs/cluster.md (issue 28's cluster ratios) quotes the committed run of
    /// <c>benchmarks/cluster-score.sh</c>, whose ratios are recomputed here from its measured rates and times.
    /// </summary>
    [TestMethod]
    public void The_cluster_prose_quotes_the_committed_run()
    {
        var run = File.ReadAllText(Path.Combine(Root, "benchmarks", "results", "cluster-score.txt"));
        decimal Measured(string pattern, int group = 1) => decimal.Parse(Captured(run, pattern, group), CultureInfo.InvariantCulture);
        var local = Measured(@"local score, one process: +[\d.]+ s, (\d+) rows/s");
        var firstJob = Measured(@"its first job: +[\d.]+ s, (\d+) rows/s");
        var oneSilo = Measured(@"1 running silo: +[\d.]+ s, (\d+) rows/s");
        var twoSilos = Measured(@"2 running silos: +[\d.]+ s, (\d+) rows/s");
        const string PerFile = @"per three-minute file: +cluster (\d+) ms, local (\d+) ms";
        var (clusterFile, localFile) = (Measured(PerFile), Measured(PerFile, 2));
        const decimal DaySamples = 10_000m * 50 * 86_400; // 10,000 wearers' samples a day at 50 Hz, one row each
        var (running, first, two) = (Fixed(oneSilo / local, 2), Fixed(firstJob / local, 2), Fixed(twoSilos / oneSilo, 2));

        AssertQuoted(Collapsed(run),
            [$"cluster (1 running silo) / local: {running}x the rows/s; a silo's first job / local: {first}x", $"two silos / one silo: {two}x the rows/s",
                $"{clusterFile - localFile} ms more per file on the cluster"],
            "cluster-score.txt's own ratios");
        AssertQuoted(Prose(File.ReadAllText(Path.Combine(Root, "docs", "cluster.md"))),
            [$"a local pass: {running}x over these {Captured(run, @"^logs: (\d+) files of 1 h")} hour-long files", $"a three-minute file costs {clusterFile - localFile} ms more on the cluster",
                $"then 1 and {Captured(run, @"slope over 1 and (\d+) files")} three-minute files for the cost per file",
                $"the client process, {Fixed(Measured(@"client's fixed cost: +([\d.]+) s"), 2)} s in the run above", $"the scoring path: {first}x of a local pass",
                $"adds no throughput ({two}x the rows/s of one)",
                $"a running silo on a 2-core machine scored {Fixed(oneSilo / 1_000_000, 2)} M rows/s in the run above, so the {Fixed(DaySamples / 1e9m, 1)} G samples a day "
                    + $"of 10,000 wearers at 50 Hz take one such machine about {Fixed(DaySamples / oneSilo / 3600, 0)} hours, and ten of them about {Fixed(DaySamples / oneSilo / 36000, 1)} hours"],
            "docs/cluster.md");
    }

    /// <summary>
    /// The device-log prose of docs/device-logs.md quotes the committed runs on real logs: Daphnet's evaluation of S07 and
    /// its time-unit summary (and the rate its unit decision aims at), the smartwatch set's subjects, held-out subjects,
    /// activities and training result, both sets' clocks, and the share of rows the two scoring runs put in windows.
    /// </summary>
    [TestMethod]
    public void The_device_log_prose_quotes_the_committed_runs()
    {
        string Run(string file) => File.ReadAllText(Path.Combine(Root, "experiments", "device-logs", file));
        const string Scores = @"\d+ windows: accuracy ([\d.]+) +macro F1 ([\d.]+)";
        const string InWindows = @"rows in windows: +[\d,]+ \(([\d.]+) %\)";
        var (daphnet, daphnetTraining, watch) = (Run("daphnet/evaluate.txt"), Run("daphnet/train.txt"), Run("wisdm-watch/train.txt"));
        var scored = new[] { "daphnet/score.txt", "wisdm-watch/score.txt" }.Select(f => decimal.Parse(Captured(Run(f), InWindows), CultureInfo.InvariantCulture)).ToArray();
        var (daphnetRate, watchRate) = (HarDatasets.Get("dg").SamplingRateHz, HarDatasets.Get("wisdm2019-watch").SamplingRateHz);
        var activities = Regex.Count(Run("wisdm-watch/model/metrics.txt"), @"^\S+ +[\d.]+ +[\d.]+ +[\d.]+ +\d+$", RegexOptions.Multiline);

        AssertQuoted(Prose(File.ReadAllText(Path.Combine(Root, "docs", "device-logs.md"))),
        [
            $"scoring puts {Fixed(scored.Min(), 1)}–{Fixed(scored.Max(), 1)} % of their rows in windows",
            $"**{Captured(watch, InWindows)} % of the rows end up in windows and the held-out macro F1 is {Captured(watch, Scores, 2)}** over {activities} activities",
            $"the model finds no freeze in S07: macro F1 {Captured(daphnet, Scores, 2)} at accuracy {Captured(daphnet, Scores)}",
            $"(`time unit: {Captured(daphnetTraining, @"time unit: +(ms in \d+ file\(s\) \(first, [^\n]*? Hz, )")}…)`)",
            $"`auto` decides per file from its first {Captured(daphnetTraining, @"over the first (\d+) samples")} rows",
            $"merges each of the {Captured(watch, @"time unit: +ns in (\d+) file\(s\)")} subjects' accelerometer and gyroscope files",
            $"the last {Captured(watch, @"held-out subjects: ([^\n]+)").Split(", ").Length} subjects held out",
            // Daphnet's millisecond clock: the rate from its regular intervals is its own, where the median's is not.
            $"a clock that ticks in whole milliseconds at {daphnetRate} Hz gives {Captured(daphnetTraining, @"rate from the timestamps ([\d.]+) Hz")}, "
                + $"where the median says {Captured(daphnetTraining, @"over the first \d+ samples: ([\d.]+) Hz")}",
            $"Daphnet (integer milliseconds at {daphnetRate} Hz, detected as ms and {daphnetRate} Hz) and the WISDM 2019 watch (nanoseconds since boot at {watchRate} Hz",
            $"numbers take the unit whose median interval gives the rate nearest {Captured(daphnetTraining, @"nearest a wearable's usual (\d+) Hz")} Hz",
            $"(one CSV per recording, integer milliseconds at {daphnetRate} Hz,",
            $"nanoseconds since the watch booted, {watchRate} Hz,",
        ], "docs/device-logs.md");
    }

    /// <summary>
    /// The Cortex-M4 figures of the README and docs/embedded-c.md (kB of 1,000 bytes, millions of instructions) are the
    /// committed measurement's, <c>experiments/cortex-m4/results.md</c>, which <c>CortexM4Tests</c> checks against a
    /// fresh build under QEMU.
    /// </summary>
    [TestMethod]
    public void The_cortex_m4_figures_are_the_committed_measurement()
    {
        var rows = File.ReadLines(Path.Combine(Root, "experiments", "cortex-m4", "results.md"))
            .Select(line => line.Split('|').Select(c => c.Trim()).ToArray()).Where(cells => cells.Length > 9 && cells[1] is "float32" or "int8, a scale per output channel")
            .ToDictionary(cells => cells[1], cells => cells[2..9].Select(c => decimal.Parse(c, NumberStyles.Number, CultureInfo.InvariantCulture)).ToArray());
        Assert.HasCount(2, rows, "the float32 and int8 rows");
        // Columns: weight bytes, flash with the model, flash with libm, RAM of buffers, stack, RAM in all, instructions.
        string Row(decimal[] m) => $"{Fixed(m[1] / 1000, 0)} KB model, {Fixed(m[2] / 1000, 0)} KB with libm | {Fixed(m[5] / 1000, 1)} KB | {Fixed(m[6] / 1_000_000, 1)} M instructions |";
        var (float32, int8) = (rows["float32"], rows["int8, a scale per output channel"]);

        AssertQuoted(Prose(File.ReadAllText(Path.Combine(Root, "docs", "embedded-c.md"))),
            [$"| this export, float32 (table above) | {Row(float32)}", $"| this export, int8 weights | {Row(int8)}",
                $"stays under 12 KiB: {Fixed(float32[5] / 1000, 1)} KB in all", $"The cost is instructions: {Fixed(float32[6] / 1_000_000, 1)} M per window"],
            "docs/embedded-c.md");
        AssertQuoted(Prose(File.ReadAllText(Path.Combine(Root, "README.md"))),
            [$"{Fixed(float32[1] / 1000, 0)} KB of flash, {Fixed(float32[5] / 1000, 1)} KB of RAM, {Fixed(float32[6] / 1_000_000, 1)} M instructions per window (int8 weights: {Fixed(int8[1] / 1000, 0)} KB of flash)"],
            "README.md");

        // The model has HAPT's shape; the caller's window is T x C floats.
        var hapt = HarDatasets.Get("hapt");
        AssertQuotedIn("docs/embedded-c.md",
            $"The model has HAPT's shape (T {hapt.WindowLength}, C {hapt.ChannelNames.Count}, K {hapt.ClassNames.Count};",
            $"The caller's window, {Fixed(hapt.WindowLength * hapt.ChannelNames.Count * sizeof(float) / 1000m, 1)} KB of floats at this shape");
        // The goals hold, as the prose says, and the RAM's margin is as quoted (rounded up to a hundred bytes).
        const decimal KiB = 1024;
        var goals = QuotedGroups("docs/embedded-c.md", @"The goals were float32 flash ≤ (\d+) KiB and RAM ≤ (\d+) KiB, int8 weights ≤ (\d+) KiB")
            .Select(g => decimal.Parse(g, CultureInfo.InvariantCulture) * KiB).ToArray();
        Assert.IsLessThanOrEqualTo(goals[0], float32[2], "float32 flash, with libm");
        Assert.IsLessThanOrEqualTo(goals[1], float32[5], "RAM in all");
        Assert.IsLessThanOrEqualTo(goals[2], int8[0], "int8 weights");
        var spare = goals[1] - float32[5];
        AssertQuotedIn("docs/embedded-c.md", $"the RAM with under {Math.Ceiling(spare / 100) * 100} bytes to spare");
    }

    /// <summary>A group of the first match of a pattern in a run's output; the run must have it.</summary>
    private static string Captured(string run, string pattern, int group = 1)
    {
        var match = Regex.Match(run, pattern);
        Assert.IsTrue(match.Success, $"the run has {pattern}");
        return match.Groups[group].Value;
    }

    /// <summary>
    /// The windows-scoring prose of docs/benchmarks.md quotes the committed runs it shows: the batched scorer's rate and
    /// its ratio to ML.NET's per-window path, ONNX Runtime's rates on our graph and PyTorch's export, and <c>score</c>'s
    /// rates and peak memory on the 1 GB and 10-hour logs.
    /// </summary>
    [TestMethod]
    public void The_scoring_prose_quotes_the_committed_runs()
    {
        var report = BenchmarkRows("TinierHAR.Benchmarks.WindowScoringBenchmarks-report-github.md");
        var (perWindow, batched, ours, export) = (report("OnnxTransformer, one call per window"), report("BatchedHarScorer"), report("ONNX Runtime alone"), report("PyTorch's export"));
        string Thousands(decimal perSecond) => Fixed(perSecond / 1000, 1) + " k";
        (string Pass, string Whole, string Memory, string Size) Score(string file)
        {
            var run = File.ReadAllText(Path.Combine(Root, "benchmarks", "results", file));
            string Rows(string line) => Fixed(decimal.Parse(Captured(run, line + @": +([\d,]+) rows/s"), NumberStyles.Number, CultureInfo.InvariantCulture) / 1_000_000, 2) + " M";
            var gigabytes = Fixed(decimal.Parse(Captured(run, @"(?m)^log: [^,]+, (\d+) bytes"), CultureInfo.InvariantCulture) / 1_000_000_000, 2) + " GB";
            return (Rows("speed"), Rows("whole run"), Captured(run, @"peak memory: +(\d+ MB)"), gigabytes);
        }
        var (large, tenHours) = (Score("score-1gb.txt"), Score("score-10h.txt"));

        AssertQuoted(Prose(File.ReadAllText(Path.Combine(Root, "docs", "benchmarks.md"))),
        [
            $"batched scoring at {Thousands(batched.PerSecond)} windows/s is above the 15 k asked, {Fixed(batched.PerSecond / perWindow.PerSecond, 1)} times the OnnxTransformer",
            $"scores {Thousands(export.PerSecond)} windows/s against our graph's {Thousands(ours.PerSecond)}",
            $"writes {large.Pass} samples/s in the scoring pass on the 1 GB log ({large.Whole} counting the process start) and {tenHours.Pass} on the 10-hour log above ({tenHours.Whole} counting it",
            $"Peak memory while scoring the {large.Size} log is {large.Memory} (target: under 200 MB), flat with log size ({tenHours.Memory} on the 10-hour log)",
        ], "docs/benchmarks.md, (a) and (b)");
    }

    /// <summary>
    /// Section (d) of docs/benchmarks.md quotes the committed graph benchmark it shows (our graph's time against PyTorch's
    /// export, from the Mean column at each batch) and the committed profile of our graph (the convolutions' and the
    /// GRU's shares of the kernel time).
    /// </summary>
    [TestMethod]
    public void The_graph_comparison_prose_quotes_the_committed_benchmark_and_profile()
    {
        const string report = "TinierHAR.Benchmarks.OnnxGraphBenchmarks-report-github.md";
        decimal Time(string method, int batch) => BenchmarkRows(report, batch.ToString(CultureInfo.InvariantCulture))(method).Seconds;
        decimal AgainstExport(string ours, string export, int batch) => Time(ours, batch) / Time(export, batch);
        var (batched, mlnet, exportAll, exportExtended) = ("Ours, level Extended", "Ours, level All", "PyTorch's export, ORT defaults", "PyTorch's export, level Extended");
        var large = new[] { 128, 512 }.Select(b => AgainstExport(batched, exportAll, b)).ToArray();
        var sameLevel = new[] { 128, 512 }.SelectMany(b => new[] { AgainstExport(mlnet, exportAll, b), AgainstExport(batched, exportExtended, b) }).ToArray();
        Assert.AreEqual(Fixed(sameLevel[0], 2), Fixed(sameLevel[2], 2), "level All gives one ratio at batches 128 and 512, as quoted");

        var operators = File.ReadLines(Path.Combine(Root, "benchmarks", "results", "profile-ours-extended.md"))
            .Select(line => line.Split('|').Select(c => c.Trim()).ToArray())
            .Where(cells => cells.Length == 6 && decimal.TryParse(cells[3], NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            .ToDictionary(cells => cells[1], cells => decimal.Parse(cells[3], NumberStyles.Number, CultureInfo.InvariantCulture));
        string Share(params string[] names) => Fixed(100 * names.Sum(n => operators[n]) / operators.Values.Sum(), 0) + " %";

        AssertQuoted(Prose(File.ReadAllText(Path.Combine(Root, "docs", "benchmarks.md"))),
        [
            $"the batched scorer's graph takes {Fixed(large[0], 2)} and {Fixed(large[1], 2)} of the time of PyTorch's export at batches of 128 and 512 "
                + $"({Fixed(1 / large[0], 1)}x and {Fixed(1 / large[1], 1)}x its throughput), {Fixed(AgainstExport(batched, exportAll, 64), 2)} at 64 "
                + $"({Fixed(1 / AgainstExport(batched, exportAll, 64), 1)}x), and the same time for single windows ({Fixed(AgainstExport(batched, exportAll, 1), 2)},",
            $"ours takes {Fixed(sameLevel[0], 2)} of the export's time at level All and {Range([sameLevel[1], sameLevel[3]], 2)} at Extended (batches of 128 and 512)",
            $"the convolutions take {Share("FusedConv", "Conv")} of kernel time and the GRU {Share("GRU")}",
        ], "docs/benchmarks.md, (a) and (d)");
    }

    /// <summary>
    /// The int8 prose of docs/networks-and-onnx.md quotes its two committed measurements (HAPT fold 1's
    /// <c>experiment --int8</c> row and the quickstart model's): int8's slowdown in batches and for one window, its
    /// macro-F1 change, and the GRU's share of the parameters (counted on the network, of the row's parameters).
    /// </summary>
    [TestMethod]
    public void The_int8_prose_quotes_the_committed_measurements()
    {
        var hapt = CsvRows.Read(Path.Combine(Root, "experiments", "int8", "results.csv")).Single();
        decimal Hapt(string column) => decimal.Parse(hapt[column], CultureInfo.InvariantCulture);
        var quickstart = File.ReadLines(Path.Combine(Root, "benchmarks", "results", "int8-quickstart.md"))
            .Select(line => line.Split('|').Select(c => c.Trim()).ToArray()).Where(cells => cells.Length == 8 && cells[1] is "float32" or "int8 QDQ")
            .ToDictionary(cells => cells[1], cells => cells[2..7].Select(c => decimal.Parse(c, NumberStyles.Number, CultureInfo.InvariantCulture)).ToArray());
        Assert.HasCount(2, quickstart, "the float32 and int8 rows");
        // Columns: macro F1, accuracy, ONNX bytes, latency, windows/s.
        var (float32, int8) = (quickstart["float32"], quickstart["int8 QDQ"]);
        var batches = new[] { float32[4] / int8[4], Hapt("windows_per_second") / Hapt("int8_windows_per_second") };
        var single = new[] { int8[3] / float32[3], Hapt("int8_latency_ms") / Hapt("latency_ms") };
        var f1Change = Math.Max(Math.Abs(float32[0] - int8[0]), Math.Abs(Hapt("macro_f1") - Hapt("int8_macro_f1")));
        Assert.IsLessThan(0.005m, f1Change, "int8 keeps macro F1 within half a point, as quoted");

        using var network = HarNetwork.Create(new TinierHarOptions(), 128, 6, 12);
        var gru = network.named_parameters().Where(p => p.name.StartsWith("gru.", StringComparison.Ordinal)).Sum(p => p.parameter.numel());
        Assert.AreEqual(long.Parse(hapt["parameters"], CultureInfo.InvariantCulture), network.ParameterCount, "the HAPT row's network");

        AssertQuotedIn("docs/networks-and-onnx.md",
            "int8 keeps the accuracy (within half a point of macro F1)",
            $"it is {Range(batches, 1)}x slower in batches and {Range(single, 1)}x slower for one window",
            string.Create(CultureInfo.InvariantCulture, $"{Fixed(100m * gru / network.ParameterCount, 0)} % of the parameters at six channels ({gru:N0} of {network.ParameterCount:N0})"));
    }

    /// <summary>
    /// The fuzzing prose of docs/robustness.md quotes the fuzzer's first run from its committed rows
    /// (<c>experiments/fuzzing/results.md</c>): its minutes, its crashing inputs and the one fault they held, whose
    /// minimized input is committed; every new finding of every run is in <c>findings/</c>.
    /// </summary>
    [TestMethod]
    public void The_fuzzing_prose_quotes_the_first_run()
    {
        var runs = Table(Path.Combine("experiments", "fuzzing", "results.md"));
        Assert.IsNotEmpty(runs, "the fuzzer's runs");
        int Figure(Dictionary<string, string> run, string column) => int.Parse(run[column], CultureInfo.InvariantCulture);
        var findings = Directory.GetFiles(Path.Combine(Root, "test", "TinierHAR.Fuzz", "findings")).Count(f => Path.GetFileName(f) != "README.md");
        Assert.AreEqual(runs.Sum(run => Figure(run, "new findings")), findings, "each new finding's minimized input is committed");
        var first = runs[0];
        AssertQuotedIn("docs/robustness.md",
            $"In its first {Words(Figure(first, "minutes"))} minutes, {Figure(first, "crashes")} crashing inputs, {Words(Figure(first, "new findings"))} fault");
    }

    /// <summary>A committed BenchmarkDotNet report's rows (those of one batch, where the report has a Batch column):
    /// the row whose method holds a phrase, as seconds per operation (Mean) and items per second.</summary>
    private static Func<string, (decimal Seconds, decimal PerSecond)> BenchmarkRows(string report, string? batch = null)
    {
        var rows = BenchmarkTable(report).Where(row => batch is null || row["Batch"] == batch).ToArray();
        return phrase =>
        {
            var row = rows.Single(r => r["Method"].Contains(phrase, StringComparison.Ordinal));
            return (MeanSeconds(row["Mean"]), Measured(row["Items/s"], ""));
        };
    }

    /// <summary>A committed BenchmarkDotNet report's rows (<see cref="RepositoryDocuments.Table"/>).</summary>
    private static List<Dictionary<string, string>> BenchmarkTable(string report) => Table(Path.Combine("benchmarks", "results", report));

    /// <summary>A BenchmarkDotNet Mean cell ("5.970 s", "320.09 ms", "131.0 μs") in seconds.</summary>
    private static decimal MeanSeconds(string cell)
    {
        var parts = cell.Split(' ');
        var (value, unit) = (parts[0], parts[1]);
        return Measured(value, "") / unit switch { "s" => 1m, "ms" => 1_000m, "μs" => 1_000_000m, _ => throw new FormatException($"the unit of {cell}") };
    }

    /// <summary>A BenchmarkDotNet cell such as "1,144.6 ms" or "4,722,216".</summary>
    private static decimal Measured(string cell, string unit) =>
        decimal.Parse(cell.EndsWith(unit, StringComparison.Ordinal) ? cell[..^unit.Length] : cell, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>A run of training-epochs.sh: "model | precision" to seconds per pass, the authors' row under "authors' PyTorch".</summary>
    private static Dictionary<string, decimal> TrainingRun(string file) => File.ReadLines(file)
        .Select(line => line.Split(" | "))
        .Where(cells => cells.Length == 3 && decimal.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        .ToDictionary(cells => cells[0].StartsWith("authors' PyTorch", StringComparison.Ordinal) ? "authors' PyTorch" : $"{cells[0]} | {cells[1]}",
            cells => decimal.Parse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"<!-- results: \.\./benchmarks/results/(training-epochs-[a-z0-9-]+\.txt) -->")]
    private static partial Regex TrainingRunBlock();
}
