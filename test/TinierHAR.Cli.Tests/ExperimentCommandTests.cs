using Microsoft.ML;
using TinierHAR.Datasets;
using TinierHAR.Experiments;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Cli.Tests;

[TestClass]
public sealed class ExperimentCommandTests
{
    /// <summary>An MHEALTH folder: 10 subjects of 700 rows (6 windows each), activities in blocks of 100 rows.</summary>
    private static void WriteMhealth(FixtureFolder fixture)
    {
        var random = new Random(7);
        for (var subject = 1; subject <= 10; subject++)
        {
            var lines = Enumerable.Range(0, 700).Select(r =>
            {
                var activity = 1 + (r / 100 + subject) % 4;
                return Enumerable.Range(0, 23).Select(c => activity * (c % 3) + random.NextDouble()).Append(activity);
            });
            fixture.Write($"mHealth_subject{subject}.log", FixtureFolder.Lines(lines, "\t"));
        }
    }

    [TestMethod]
    public void Experiment_runs_the_requested_folds_writes_CSV_and_markdown_and_resumes_without_recomputing()
    {
        using var fixture = new FixtureFolder();
        WriteMhealth(fixture);
        var output = Path.Combine(fixture.Root, "out");

        var first = Tool.Run("experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "1", "--max-epochs", "2", "--output", output);
        Assert.AreEqual(0, first.ExitCode, first.Error);
        var results = ExperimentResults.Open(Path.Combine(output, "results.csv"));
        var row = results.Rows.Single();
        Assert.AreEqual(("mhealth", "tinierhar", 1, "1 2", 1), (row.Dataset, row.Model, row.Fold, row.TestSubjects, row.Seed));
        Assert.AreEqual(12, row.TestWindows, "subjects 1 and 2, 6 windows each");
        Assert.AreEqual(48, row.TrainWindows + row.ValidationWindows);
        Assert.AreEqual(5, row.ValidationWindows, "the authors' split: int(0.9 · 48) = 43 training windows");
        Assert.AreEqual(2, row.Epochs);
        Assert.AreEqual(("float32", "zero"), (row.Precision, row.CancelledBiases));
        var trajectory = TrainingTrajectory.Read(Path.Combine(output, "trajectories", "tinierhar-fold1-seed1-float32.csv"));
        CollectionAssert.AreEqual(new[] { 1, 2 }, trajectory.Epochs.Select(e => e.Epoch).ToArray(), "the run's per-epoch curve is written beside the results");
        Assert.AreEqual(20539, row.Parameters, "TinierHAR on MHEALTH in the authors' log");
        var csv = File.ReadAllText(Path.Combine(output, "results.csv"));
        StringAssert.Contains(File.ReadAllText(Path.Combine(output, "results.md")), "| mhealth | tinierhar | float32 | 1 (1,2) | 1 |");

        var again = Tool.Run("experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "1-2", "--max-epochs", "2", "--output", output);
        Assert.AreEqual(0, again.ExitCode, again.Error);
        StringAssert.Contains(again.Output, "2 fold run(s), 1 finished already, 1 to run");
        var both = ExperimentResults.Open(Path.Combine(output, "results.csv")).Rows;
        CollectionAssert.AreEqual(new[] { 1, 2 }, both.Select(r => r.Fold).ToArray());
        StringAssert.StartsWith(File.ReadAllText(Path.Combine(output, "results.csv")), csv, "the finished fold is kept as it was");
    }

    /// <summary>
    /// <c>--backfill-evidence</c> reruns a finished row whose evidence is missing and writes the same evidence a first run
    /// wrote (the float32 and int8 predictions and the bundle, byte for byte), leaving the results as they were; a row the
    /// rerun does not reproduce fails the command, naming what differs, and keeps no evidence.
    /// </summary>
    [TestMethod]
    public void Backfilling_evidence_writes_a_first_runs_evidence_and_refuses_a_row_the_rerun_does_not_reproduce()
    {
        using var fixture = new FixtureFolder();
        WriteMhealth(fixture);
        var output = Path.Combine(fixture.Root, "out");
        string[] Arguments(params string[] more) =>
            ["experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "1", "--max-epochs", "2", "--int8", "--output", output, .. more];
        var first = Tool.Run(Arguments());
        Assert.AreEqual(0, first.ExitCode, first.Error);
        var row = ExperimentResults.Open(Path.Combine(output, "results.csv")).Rows.Single();
        var evidence = RunEvidence.Paths(output, row.RunName);
        Assert.IsTrue(evidence.All(File.Exists), "a run with --int8 leaves its predictions, its int8 form's and its bundle");
        var written = evidence.Select(File.ReadAllBytes).ToArray();
        var int8 = RunEvidence.Metrics(RunEvidence.ReadPredictions(RunEvidence.Int8PredictionsPath(output, row.RunName)), HarDatasets.Get("mhealth").ClassNames);
        Assert.AreEqual(row.Int8MacroF1!.Value, int8.MacroF1, 5e-5, "the row's int8 macro F1 is that of its int8 predictions");
        var (csv, markdown) = (File.ReadAllText(Path.Combine(output, "results.csv")), File.ReadAllText(Path.Combine(output, "results.md")));

        Directory.Delete(Path.Combine(output, RunEvidence.FolderName), recursive: true);
        var backfilled = Tool.Run(Arguments("--backfill-evidence"));
        Assert.AreEqual(0, backfilled.ExitCode, backfilled.Error);
        StringAssert.Contains(backfilled.Output, "1 fold run(s), 1 finished without evidence to rerun");
        StringAssert.Contains(backfilled.Output, "reproduces its row; evidence written");
        foreach (var (path, bytes) in evidence.Zip(written))
            CollectionAssert.AreEqual(bytes, File.ReadAllBytes(path), $"{Path.GetFileName(path)}: the first run's bytes");
        Assert.AreEqual((csv, markdown), (File.ReadAllText(Path.Combine(output, "results.csv")), File.ReadAllText(Path.Combine(output, "results.md"))),
            "a backfill adds no row and rewrites no table");

        Directory.Delete(Path.Combine(output, RunEvidence.FolderName), recursive: true);
        var lines = csv.Split('\n');
        var column = Array.IndexOf(lines[0].Split(','), "macro_f1");
        var cells = lines[1].Split(',');
        var macroF1 = cells[column];
        cells[column] = "0.0001";
        lines[1] = string.Join(',', cells);
        File.WriteAllText(Path.Combine(output, "results.csv"), string.Join('\n', lines));
        var refused = Tool.Run(Arguments("--backfill-evidence"));
        Assert.AreNotEqual(0, refused.ExitCode, "a row the rerun does not reproduce");
        StringAssert.Contains(refused.Error, $"the rerun does not reproduce the committed row (macro F1: 0.0001 committed, {macroF1} rerun); its evidence was not kept");
        Assert.IsFalse(evidence.Any(File.Exists), "no evidence is kept for it");
    }

    /// <summary>A fold interrupted after epoch 2 of 4 (cancelled here, as by a kill) leaves its state in <c>resume/</c>; the
    /// next <c>experiment</c> continues from it, says so, writes the row an uninterrupted run writes, and removes the state.</summary>
    [TestMethod]
    public void An_interrupted_fold_continues_from_its_state_to_the_row_of_an_uninterrupted_run()
    {
        using var fixture = new FixtureFolder();
        WriteMhealth(fixture);
        string[] Arguments(string output) => ["experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "1", "--max-epochs", "4", "--output", output];
        var uninterrupted = Path.Combine(fixture.Root, "uninterrupted");
        Assert.AreEqual(0, Tool.Run(Arguments(uninterrupted)).ExitCode);

        var interrupted = Path.Combine(fixture.Root, "interrupted");
        var state = Path.Combine(interrupted, "resume", "tinierhar-fold1-seed1-float32.state");
        using var cancel = new CancellationTokenSource();
        var stopAfter2 = new EpochCallback(report =>
        {
            if (report.Epoch == 2)
                cancel.Cancel();
        });
        Assert.ThrowsExactly<OperationCanceledException>(() => PaperExperiment.RunFold(new MLContext(1), HarDatasets.Get("mhealth"), fixture.Root, "tinierhar", 1, 1,
            new PaperExperimentOptions { MaxEpochs = 4, ResumeFile = state }, new TrainingHooks { Progress = stopAfter2, Cancellation = cancel.Token }));
        Assert.IsTrue(File.Exists(state), "the interrupted fold's state is kept");

        var resumed = Tool.Run(Arguments(interrupted));
        Assert.AreEqual(0, resumed.ExitCode, resumed.Error);
        StringAssert.Contains(resumed.Output, "mhealth tinierhar fold 1 seed 1 float32: resuming from ");
        var (expected, actual) = (ExperimentResults.Open(Path.Combine(uninterrupted, "results.csv")).Rows.Single(),
            ExperimentResults.Open(Path.Combine(interrupted, "results.csv")).Rows.Single());
        CollectionAssert.AreEqual(Array.Empty<string>(), expected.DifferencesFrom(actual).ToArray(), "the resumed fold's row is the uninterrupted one's");
        Assert.AreEqual(expected.ModelBytes, actual.ModelBytes);
        Assert.IsFalse(File.Exists(state), "the row holds the run now; its state is removed");
    }

    [TestMethod]
    public void Experiment_validates_on_the_windows_a_file_names_and_refuses_a_name_that_is_no_training_window()
    {
        using var fixture = new FixtureFolder();
        WriteMhealth(fixture);
        // Fold 1 tests subjects 1 and 2; the others' recordings (session = subject) have windows at rows 0, 100, ... 500.
        fixture.Write("splits/fold1-seed1.txt", "3:0\n3:100\n4:200\n5:500\n10:300\n");
        fixture.Write("splits/fold1-seed2.txt", "3:0\n3:50\n");
        var pattern = Path.Combine(fixture.Root, "splits", "fold{fold}-seed{seed}.txt");

        var run = Tool.Run("experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "1", "--max-epochs", "1", "--validation-windows", pattern, "--output", Path.Combine(fixture.Root, "named"));
        Assert.AreEqual(0, run.ExitCode, run.Error);
        var row = ExperimentResults.Open(Path.Combine(fixture.Root, "named", "results.csv")).Rows.Single();
        Assert.AreEqual((43, 5), (row.TrainWindows, row.ValidationWindows), "the five named windows validate, the other 43 train");

        var unknown = Tool.Run("experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "1", "--seeds", "2", "--max-epochs", "1", "--validation-windows", pattern, "--output", Path.Combine(fixture.Root, "unknown"));
        Assert.AreEqual(HarCommandLine.InputError, unknown.ExitCode);
        StringAssert.Contains(unknown.Error, "1 of the 2 named validation windows are no training window of fold 1 (the first: '3:50')");
        var missing = Tool.Run("experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "1", "--seeds", "3", "--max-epochs", "1", "--validation-windows", pattern, "--output", Path.Combine(fixture.Root, "missing"));
        Assert.AreEqual(HarCommandLine.InputError, missing.ExitCode);
        StringAssert.Contains(missing.Error, "fold1-seed3.txt (fold 1, seed 3) does not exist");
    }

    [TestMethod]
    public void Experiment_replays_a_batch_order_on_a_given_split()
    {
        using var fixture = new FixtureFolder();
        WriteMhealth(fixture);
        string[] validation = ["3:0", "3:100", "4:200", "5:500", "10:300"];
        fixture.Write("split.txt", string.Join('\n', validation));
        var training = (from subject in Enumerable.Range(3, 8) from row in Enumerable.Range(0, 6) select $"{subject}:{100 * row}").Except(validation).ToArray();
        fixture.Write("order.txt", string.Join(' ', training.Reverse()) + "\n" + string.Join(' ', training) + "\n");
        fixture.Write("bad-order.txt", string.Join(' ', training.Skip(1).Prepend(validation[0])) + "\n");
        string[] Replay(string order, string output, params string[] more) =>
            ["experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "1", "--max-epochs", "3", "--dropout", "0",
                "--batch-order", Path.Combine(fixture.Root, order), "--output", Path.Combine(fixture.Root, output), .. more];
        var split = new[] { "--validation-windows", Path.Combine(fixture.Root, "split.txt") };

        var run = Tool.Run(Replay("order.txt", "replayed", split));
        Assert.AreEqual(0, run.ExitCode, run.Error);
        Assert.AreEqual(3, ExperimentResults.Open(Path.Combine(fixture.Root, "replayed", "results.csv")).Rows.Single().Epochs, "two replayed epochs, a shuffled third");

        var bad = Tool.Run(Replay("bad-order.txt", "bad", split));
        Assert.AreEqual(HarCommandLine.InputError, bad.ExitCode);
        StringAssert.Contains(bad.Error, "'BatchOrders': epoch 1 names '3:0', which is not a training window.");
        var withoutSplit = Tool.Run(Replay("order.txt", "no-split"));
        Assert.AreEqual(HarCommandLine.InputError, withoutSplit.ExitCode);
        StringAssert.Contains(withoutSplit.Error, "replays another run's batches, which needs its split: set ValidationWindows too.");
    }

    [TestMethod]
    public void Experiment_takes_the_windows_you_choose_and_keeps_one_setting_per_folder()
    {
        using var fixture = new FixtureFolder();
        WriteMhealth(fixture);
        var output = Path.Combine(fixture.Root, "short-windows");

        var run = Tool.Run("experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "1", "--max-epochs", "1", "--window", "2s", "--step", "100", "--output", output);
        Assert.AreEqual(0, run.ExitCode, run.Error);
        var row = ExperimentResults.Open(Path.Combine(output, "results.csv")).Rows.Single();
        Assert.AreEqual(14, row.TestWindows, "2 s at 50 Hz = 100 samples every 100: 7 windows in each of subjects 1 and 2's 700 rows");
        Assert.AreEqual("T 100, step 100", File.ReadAllText(Path.Combine(output, "windows.txt")).Trim());
        var recorded = ExperimentFolderSettings.Read(output);
        Assert.AreEqual((100, 100, 150), (recorded.WindowLength, recorded.WindowStep, recorded.MaxEpochs), "a rerun reads the windows back, with the paper's recipe");

        var paper = Tool.Run("experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "2", "--max-epochs", "1", "--output", output);
        Assert.AreEqual(2, paper.ExitCode);
        StringAssert.Contains(paper.Error, "holds results run with windows of T 100, step 100; these are T 200, step 100. Give each window setting its own --output folder.");
    }

    /// <summary>WHAR Arena's recipe: whole training subjects validate (2 of fold 1's 8, at 6 windows each), the rate
    /// follows the cosine over the most epochs, and the folder keeps that recipe.</summary>
    [TestMethod]
    public void Experiment_runs_WHAR_Arenas_recipe_and_keeps_one_recipe_per_folder()
    {
        using var fixture = new FixtureFolder();
        WriteMhealth(fixture);
        var output = Path.Combine(fixture.Root, "whar-arena");

        var run = Tool.Run("experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "1", "--recipe", "WharArena", "--max-epochs", "3", "--output", output);
        Assert.AreEqual(0, run.ExitCode, run.Error);
        var row = ExperimentResults.Open(Path.Combine(output, "results.csv")).Rows.Single();
        Assert.AreEqual((36, 12), (row.TrainWindows, row.ValidationWindows), "20 % of 8 training subjects, rounded: 2 whole subjects of 6 windows validate");
        var rates = TrainingTrajectory.Read(Path.Combine(output, "trajectories", row.RunName + ".csv")).Epochs.Select(e => e.LearningRate).ToArray();
        CollectionAssert.AreEqual(new[] { 1e-3, 1e-3 * 0.75, 1e-3 * 0.25 }, rates, new ToleranceComparer(1e-12), "cosine annealing over 3 epochs: (1 + cos(π e / 3)) / 2");
        Assert.AreEqual("WharArena", File.ReadAllText(Path.Combine(output, "recipe.txt")).Trim());

        var paper = Tool.Run("experiment", "--dataset", "mhealth", "--data", fixture.Root, "--folds", "2", "--max-epochs", "1", "--output", output);
        Assert.AreEqual(2, paper.ExitCode);
        StringAssert.Contains(paper.Error, "holds results run with the training recipe WharArena; these are Paper. Give each training recipe its own --output folder.");
        var recorded = ExperimentFolderSettings.Read(output);
        Assert.AreEqual((EarlyStoppingMetric.ValidationMacroF1, LearningRateSchedule.Cosine, 0), (recorded.EarlyStoppingMetric, recorded.LearningRateSchedule, recorded.WindowLength),
            "the refused run left the folder's recipe, which a rerun reads back with the dataset's windows");

        File.WriteAllText(Path.Combine(output, "recipe.txt"), "7\n");
        var error = Assert.ThrowsExactly<FormatException>(() => ExperimentFolderSettings.Read(output));
        StringAssert.Contains(error.Message, "recipe.txt' must name a training recipe (Paper, WharArena).");
    }

    private sealed class ToleranceComparer(double tolerance) : System.Collections.IComparer
    {
        public int Compare(object? x, object? y) => Math.Abs((double)x! - (double)y!) <= tolerance ? 0 : 1;
    }

    [TestMethod]
    public void Report_writes_the_table_into_the_README_section()
    {
        using var fixture = new FixtureFolder();
        var results = ExperimentResults.Open(Path.Combine(fixture.Root, "results.csv"));
        results.Add(Run("tinierhar", 1, 0.125) with { TestSubjects = "1 2 3", Seconds = 12.5, SecondsPerEpoch = 3.1, Accuracy = 0.5, WeightedF1 = 0.25 });
        var readme = fixture.Write("README.md", "# Title\n<!-- results: results.csv -->\nold table\n<!-- /results -->\ntail\n");

        var (exitCode, _, error) = Tool.Run("report", "--results", results.Path, "--readme", readme);

        Assert.AreEqual(0, exitCode, error);
        var text = File.ReadAllText(readme);
        Assert.AreEqual(results.ToMarkdown(), MarkdownSections.Read(text, "results.csv"));
        StringAssert.Contains(text, "| hapt | tinierhar | float32 | 1 (1,2,3) | 1 | 10 / 1 / 3 | 4 (2) | 3.10 | ×1.00 | 0.5000 | 0.2500 | 0.1250 | 7,483 | 697,246 |");
        StringAssert.Contains(text, "| hapt | **tinierhar** | float32 | **all** | 1 (1) | 4 | ×1.00 | 0.5000 | 0.2500 | 0.1250 |");
        StringAssert.EndsWith(text, "<!-- /results -->\ntail\n");
        Assert.AreEqual(results.ToMarkdown(), File.ReadAllText(Path.Combine(fixture.Root, "results.md")));
    }

    [TestMethod]
    [DataRow("--dataset", "nope", "Unknown dataset 'nope'")]
    [DataRow("--folds", "7", "fold 7 does not exist")]
    [DataRow("--folds", "3-1", "'3-1' is not a number or a range")]
    [DataRow("--models", "lstm", "Unknown architecture 'lstm'")]
    public void Bad_options_are_refused_with_exit_code_2(string option, string value, string message)
    {
        using var fixture = new FixtureFolder();
        WriteMhealth(fixture);
        var args = new Dictionary<string, string> { ["--dataset"] = "mhealth", ["--data"] = fixture.Root, ["--output"] = Path.Combine(fixture.Root, "out"), [option] = value };
        var (exitCode, _, error) = Tool.Run(["experiment", .. args.SelectMany(p => new[] { p.Key, p.Value })]);
        Assert.AreEqual(HarCommandLine.InputError, exitCode);
        StringAssert.Contains(error, message);
    }

    [TestMethod]
    [DataRow("hapt", "experiments/hapt/reference.csv")]
    [DataRow("hapt/authors-split", "experiments/hapt/reference.csv")]
    [DataRow("usc-had", null)]
    [DataRow("hapt/whar-windows", null)]
    [DataRow("hapt/whar-arena", null)]
    public void The_docs_table_and_results_md_are_generated_from_the_committed_results(string experiment, string? reference)
    {
        var csv = Path.Combine(SharedData.RepositoryRoot, "experiments", experiment, "results.csv");
        Assert.IsTrue(File.Exists(csv), $"the {experiment} runs' raw results are committed");
        var results = ExperimentResults.Open(csv);
        var expected = results.ToMarkdown() + (reference is null ? "" : "\n" + results.ToComparisonMarkdown(Path.Combine(SharedData.RepositoryRoot, reference)));
        Assert.AreEqual(expected, Documentation.Section($"experiments/{experiment}/results.csv"),
            $"regenerate with experiments/{experiment.Split('/')[0]}/report.sh");
        Assert.AreEqual(expected, File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "experiments", experiment, "results.md")),
            $"results.md beside the runs: regenerate with experiments/{experiment.Split('/')[0]}/report.sh");
        Assert.IsTrue(results.Rows.Any(r => r.Model == "tinierhar"), "TinierHAR runs");
    }

    [TestMethod]
    public void Report_compares_trajectories_as_a_table_and_a_picture()
    {
        using var fixture = new FixtureFolder();
        const string header = "epoch,train_seconds,train_loss,validation_loss,validation_accuracy,validation_weighted_f1,validation_macro_f1,learning_rate\n";
        var smooth = fixture.Write("smooth.csv", header + "1,2.5,2.0,1.8,0.5,0.4,0.3,0.001\n2,2.5,1.5,1.2,0.6,0.5,0.4,0.001\n3,2.5,1.0,1.0,0.7,0.6,0.5,0.001\n");
        var spiky = fixture.Write("spiky.csv", header + "1,2.5,2.0,1.8,0.5,0.4,0.3,0.001\n2,2.5,1.5,0.4,0.6,0.5,0.4,0.001\n3,2.5,1.0,1.6,0.7,0.6,0.5,0.001\n");
        var readme = fixture.Write("README.md", "<!-- results: curves.png -->\n<!-- /results -->\n");
        var picture = Path.Combine(fixture.Root, "curves.png");

        var (exitCode, _, error) = Tool.Run("report", "--trajectories", $"ours={smooth}", $"theirs={spiky}", "--plot", picture, "--readme", readme);

        Assert.AreEqual(0, exitCode, error);
        Assert.IsGreaterThan(10_000L, new FileInfo(picture).Length, "the loss-curve picture");
        var table = File.ReadAllText(Path.ChangeExtension(picture, ".md"));
        StringAssert.Contains(table, "| ours | 3 | 1.0000 (3) | ×1.00 | 2.000 / 1.800 |");
        StringAssert.Contains(table, "| theirs | 3 | 0.4000 (2) | ×4.00 | 2.000 / 1.800 |");
        Assert.AreEqual(table, MarkdownSections.Read(File.ReadAllText(readme), "curves.png"));
        var (badExit, _, badError) = Tool.Run("report", "--trajectories", "no-equals-sign", "--plot", picture);
        Assert.AreEqual(HarCommandLine.InputError, badExit);
        StringAssert.Contains(badError, "is not NAME=FILE.csv");
    }

    /// <summary>A results row of HAPT, seed 1, with the given model, fold and macro F1.</summary>
    private static FoldResult Run(string model, int fold, double macroF1, long parameters = 7483, long macs = 697246) => new()
    {
        Dataset = "hapt",
        Model = model,
        Fold = fold,
        TestSubjects = "",
        Seed = 1,
        TrainWindows = 10,
        ValidationWindows = 1,
        TestWindows = 3,
        Epochs = 4,
        BestEpoch = 2,
        Seconds = 100,
        SecondsPerEpoch = 25,
        Accuracy = 0.9,
        WeightedF1 = 0.8,
        MacroF1 = macroF1,
        Parameters = parameters,
        Macs = macs,
        ModelBytes = 50_000,
        LatencyMs = 0.125,
    };

    /// <summary>The runs made under both protocols, and only those, side by side; per model the paired difference ± SE.</summary>
    [TestMethod]
    public void Report_sets_the_same_runs_under_two_protocols_side_by_side()
    {
        using var fixture = new FixtureFolder();
        var (shortWindows, paper) = (ExperimentResults.Open(Path.Combine(fixture.Root, "short", "results.csv")), ExperimentResults.Open(Path.Combine(fixture.Root, "paper", "results.csv")));
        shortWindows.Add(Run("tinierhar", 1, 0.80));
        shortWindows.Add(Run("tinierhar", 2, 0.70));
        shortWindows.Add(Run("tinierhar", 3, 0.50));
        paper.Add(Run("tinierhar", 1, 0.75));
        paper.Add(Run("tinierhar", 2, 0.60));
        paper.Add(Run("tinierhar", 2, 0.10) with { Precision = "float64" });
        paper.Add(Run("tinyhar", 1, 0.90));
        var readme = fixture.Write("README.md", "<!-- results: short/comparison.md -->\n<!-- /results -->\n");

        var (exitCode, _, error) = Tool.Run("report", "--results", shortWindows.Path, "--compare", paper.Path, "--readme", readme);

        Assert.AreEqual(0, exitCode, error);
        var table = File.ReadAllText(Path.Combine(fixture.Root, "short", "comparison.md"));
        StringAssert.Contains(table, "| dataset | model | training | fold | seed | macro F1, short | macro F1, paper | difference |");
        StringAssert.Contains(table, "| hapt | tinierhar | float32 | 1 | 1 | 0.8000 | 0.7500 | +0.0500 |\n| hapt | tinierhar | float32 | 2 | 1 | 0.7000 | 0.6000 | +0.1000 |\n\n");
        StringAssert.Contains(table, "| hapt | tinierhar | float32 | 1:1 2:1 | 0.7500 ± 0.0707 | 0.6750 ± 0.1061 | +0.0750 ± 0.0250 |");
        Assert.DoesNotContain("| 3 | 1 |", table, "fold 3 ran under one protocol only");
        Assert.DoesNotContain("tinyhar", table);
        Assert.AreEqual(table, MarkdownSections.Read(File.ReadAllText(readme), "short/comparison.md"));

        var unrelated = ExperimentResults.Open(Path.Combine(fixture.Root, "other", "results.csv"));
        unrelated.Add(Run("tinyhar", 4, 0.5));
        var refused = Tool.Run("report", "--results", shortWindows.Path, "--compare", unrelated.Path);
        Assert.AreEqual(2, refused.ExitCode);
        StringAssert.Contains(refused.Error, "have no run (dataset, model, fold, seed, recipe) in common");
    }

    /// <summary>
    /// The verdict the README and the fidelity report state in words, ours against the authors' code on HAPT (float32
    /// against their float64), is the report code's own comparison of the committed results and reference runs: each
    /// fold's difference ± SE, and the five folds' with both means and the 95 % interval.
    /// </summary>
    [TestMethod]
    public void The_verdict_in_words_is_the_reports_comparison_of_the_committed_runs()
    {
        var root = Path.Combine(SharedData.RepositoryRoot, "experiments", "hapt");
        var comparison = ExperimentResults.Open(Path.Combine(root, "results.csv")).ToComparisonMarkdown(Path.Combine(root, "reference.csv"));
        string[] Row(string fold) => comparison.Split('\n').Single(l => l.StartsWith($"| hapt | tinierhar | {fold} | float32 |", StringComparison.Ordinal)
            && l.Contains("| float64 |", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToArray();
        var fidelity = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "training-fidelity.md")).ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal);
        foreach (var fold in new[] { 1, 2, 3, 4, 5 })
            StringAssert.Contains(fidelity, $"fold {fold} {Row(fold.ToString(System.Globalization.CultureInfo.InvariantCulture))[10]}", $"fold {fold}'s difference in words");

        var all = Row("**1, 2, 3, 4, 5**");
        var (ours, theirs, difference) = (all[6], all[9], all[10]);
        var parts = difference.Replace('−', '-').Split(" ± ");
        var (mean, error) = (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        string Signed(double v) => v.ToString("+0.000;−0.000", System.Globalization.CultureInfo.InvariantCulture);
        StringAssert.Contains(fidelity, $"means {difference} (ours {ours}, theirs {theirs}; a 95 % interval of {Signed(mean - 1.96 * error)} to {Signed(mean + 1.96 * error)})");
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md")).ReplaceLineEndings(" ");
        StringAssert.Contains(readme, $"our mean macro F1 is {difference} against their own code's");
    }

    /// <summary>The HAPT window comparison in the docs is the one the committed results make.</summary>
    [TestMethod]
    public void The_docs_window_comparison_is_generated_from_the_committed_results()
    {
        var root = Path.Combine(SharedData.RepositoryRoot, "experiments", "hapt");
        var expected = ExperimentResults.Open(Path.Combine(root, "whar-windows", "results.csv"))
            .ToProtocolComparisonMarkdown(ExperimentResults.Open(Path.Combine(root, "results.csv")), "whar-windows", "hapt");
        Assert.AreEqual(expected, Documentation.Section("experiments/hapt/whar-windows/comparison.md"), "regenerate with experiments/hapt/report.sh");
    }

    [TestMethod]
    public void Report_compares_each_model_beside_TinierHAR_on_the_same_runs()
    {
        using var fixture = new FixtureFolder();
        var results = ExperimentResults.Open(Path.Combine(fixture.Root, "results.csv"));
        results.Add(Run("tinierhar", 1, 0.8));
        results.Add(Run("tinierhar", 2, 0.6));
        results.Add(Run("tinyhar", 1, 0.9, 27674, 6_000_000));
        results.Add(Run("tinyhar", 1, 0.1, 27674, 6_000_000) with { Precision = "float64" });
        var readme = fixture.Write("README.md", "<!-- results: models.png -->\n<!-- /results -->\n<!-- results: models-verdict.md -->\n<!-- /results -->\n");
        var chart = Path.Combine(fixture.Root, "models.png");

        var (exitCode, _, error) = Tool.Run("report", "--results", results.Path, "--efficiency", chart, "--readme", readme);

        Assert.AreEqual(0, exitCode, error);
        Assert.IsGreaterThan(10_000L, new FileInfo(chart).Length, "the efficiency chart");
        var table = File.ReadAllText(Path.ChangeExtension(chart, ".md"));
        StringAssert.Contains(table, "| tinierhar | 1:1 2:1 | 0.7000 ± 0.1414 | 0.7000 ± 0.1414 | – |");
        StringAssert.Contains(table, "| tinyhar | 1:1 | 0.9000 | 0.8000 | +0.1000 | 0.8000 | 0.9000 | 27,674 (3.7x) | 6,000,000 (8.6x) | 50,000 | 0.125 | 100 |");
        Assert.AreEqual(table, MarkdownSections.Read(File.ReadAllText(readme), "models.png"));
        var verdict = File.ReadAllText(Path.Combine(fixture.Root, "models-verdict.md"));
        Assert.AreEqual("- **tinyhar** on 1 run(s) (fold:seed 1:1): macro F1 0.9000, where TinierHAR scored 0.8000; tinyhar − TinierHAR, paired: +0.1000. "
            + "tinyhar has 3.7x TinierHAR's parameters (27,674 against 7,483) and 8.6x its MACs, an ONNX file 1.0x as large (50,000 against 50,000 bytes), "
            + "1.0x the single-window latency (0.125 against 0.125 ms), and trained at 25.0 s per epoch against 25.0 s on the same runs. One run has no standard error: no verdict yet.\n",
            verdict.ReplaceLineEndings("\n"));
        Assert.AreEqual(verdict, MarkdownSections.Read(File.ReadAllText(readme), "models-verdict.md"));
    }

    /// <summary>TinierHAR scores 0.8, 0.6 and 0.7 on three runs; the larger model's three runs decide the verdict, by
    /// the paired t-test's 95 % interval (t = 4.30 with two degrees of freedom).</summary>
    [TestMethod]
    [DataRow(0.9, 0.71, 0.8, "**The claim does not hold here**: tinyhar leads by 0.1033, and the 95 % interval of the difference is ±0.0143 (3 runs).")]
    [DataRow(0.7, 0.49, 0.6, "**The claim holds here**, and more: TinierHAR leads by 0.1033, and the 95 % interval of the difference is ±0.0143 (3 runs), with 3.7x fewer parameters.")]
    [DataRow(0.9, 0.62, 0.7, "**No difference shown**: tinyhar leads by 0.0400, and the 95 % interval of the difference is ±0.1314 (3 runs), so these runs do not contradict the claim; TinierHAR has 3.7x fewer parameters.")]
    public void The_verdict_is_the_paired_t_tests(double fold1, double fold2, double fold3, string verdict)
    {
        using var fixture = new FixtureFolder();
        var results = ExperimentResults.Open(Path.Combine(fixture.Root, "results.csv"));
        foreach (var run in new[] { Run("tinierhar", 1, 0.8), Run("tinierhar", 2, 0.6), Run("tinierhar", 3, 0.7) })
            results.Add(run);
        foreach (var (fold, f1) in new[] { (1, fold1), (2, fold2), (3, fold3) })
            results.Add(Run("tinyhar", fold, f1, 27674));

        StringAssert.EndsWith(results.ToModelVerdictMarkdown().TrimEnd(), verdict);
    }

    [TestMethod]
    [DataRow("hapt")]
    [DataRow("usc-had")]
    [DataRow("hapt/whar-arena")]
    public void The_docs_model_comparison_is_generated_from_the_committed_results(string experiment)
    {
        var results = ExperimentResults.Open(Path.Combine(SharedData.RepositoryRoot, "experiments", experiment, "results.csv"));
        Assert.AreEqual(results.ToModelComparisonMarkdown(), Documentation.Section($"experiments/{experiment}/models.png"),
            $"regenerate with experiments/{experiment.Split('/')[0]}/report.sh");
        Assert.AreEqual(results.ToModelVerdictMarkdown(), Documentation.Section($"experiments/{experiment}/models-verdict.md"),
            $"regenerate with experiments/{experiment.Split('/')[0]}/report.sh");
    }

    [TestMethod]
    public void The_docs_trajectory_comparison_is_the_committed_one()
    {
        var folder = Path.Combine(SharedData.RepositoryRoot, "experiments", "hapt");
        var tables = Directory.GetFiles(folder, "trajectories-*.md");
        Assert.IsNotEmpty(tables, "committed trajectory comparisons");
        foreach (var table in tables)
        {
            var picture = Path.ChangeExtension(table, ".png");
            Assert.IsTrue(File.Exists(picture), $"the committed loss-curve picture {picture}");
            Assert.AreEqual(File.ReadAllText(table), Documentation.Section($"experiments/hapt/{Path.GetFileName(picture)}"),
                "regenerate with experiments/hapt/report.sh");
        }
    }

    [TestMethod]
    public void The_docs_benchmark_sections_are_the_committed_outputs()
    {
        var outputs = Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "benchmarks", "results"));
        Assert.IsGreaterThanOrEqualTo(8, outputs.Length, "four BenchmarkDotNet reports, two measured score runs, the concurrent-training and the training-epoch runs");
        foreach (var output in outputs)
        {
            var name = "benchmarks/results/" + Path.GetFileName(output);
            Assert.AreEqual(BenchmarkReport.Markdown(output), Documentation.Section(name),
                $"regenerate with: dotnet run --project samples/TinierHAR.Cli -c Release -- report --readme docs/*.md --benchmark {name}");
        }
    }

    [TestMethod]
    public void The_docs_int8_section_is_the_committed_comparison()
    {
        const string name = "experiments/int8/int8.md";
        Assert.AreEqual(BenchmarkReport.Markdown(Path.Combine(SharedData.RepositoryRoot, name)), Documentation.Section(name),
            $"regenerate with: dotnet run --project samples/TinierHAR.Cli -c Release -- report --readme docs/*.md --benchmark {name}");
    }

    [TestMethod]
    public void The_docs_device_log_sections_are_the_committed_outputs()
    {
        var outputs = Directory.GetDirectories(Path.Combine(SharedData.RepositoryRoot, "experiments", "device-logs"))
            .SelectMany(run => Directory.GetFiles(run, "*.txt")).Order(StringComparer.Ordinal).ToArray();
        Assert.IsGreaterThanOrEqualTo(7, outputs.Length, "Daphnet's inspect, train, evaluate and score; the WISDM watch's inspect, train and score");
        foreach (var output in outputs)
        {
            var name = Path.GetRelativePath(SharedData.RepositoryRoot, output).Replace('\\', '/');
            Assert.AreEqual(BenchmarkReport.Markdown(output), Documentation.Section(name),
                $"regenerate with: dotnet run --project samples/TinierHAR.Cli -c Release -- report --readme docs/*.md --benchmark {name}");
        }
    }

    /// <summary>
    /// The fuzzer's and the cluster's chaos runs in docs/robustness.md, the Cortex-M4 figures in docs/embedded-c.md and
    /// the service's load runs in docs/service.md are their scripts' results files.
    /// </summary>
    [TestMethod]
    [DataRow("experiments/fuzzing/results.md")]
    [DataRow("experiments/cluster-chaos/results.md")]
    [DataRow("experiments/cortex-m4/results.md")]
    [DataRow("experiments/service-load/results.md")]
    public void Script_tables_in_the_docs_equal_their_results_files(string artefact) =>
        Assert.AreEqual(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, artefact)), Documentation.Section(artefact),
            $"docs: the section for {artefact} (filled by eng/fill-section.py)");
}
