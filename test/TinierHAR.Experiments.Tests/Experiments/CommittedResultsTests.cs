using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML;
using TinierHAR.Datasets;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Experiments.Tests.Experiments;

/// <summary>
/// The committed results (HAPT, USC-HAD) must be what the code at HEAD produces: every row has its per-epoch trajectory, and
/// rerunning the first epochs of a committed run reproduces that trajectory. A change to training that is not followed
/// by regenerated results fails here.
/// </summary>
[TestClass]
public sealed partial class CommittedResultsTests
{
    private const int RerunEpochs = 3;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("hapt")]
    [DataRow("hapt/authors-split")]
    [DataRow("hapt/replay")]
    [DataRow("usc-had")]
    [DataRow("hapt/whar-windows")]
    [DataRow("hapt/whar-arena")]
    public void Every_committed_row_has_a_trajectory_that_agrees_with_it(string experiment)
    {
        var folder = Path.Combine(SharedData.RepositoryRoot, "experiments", experiment);
        var results = ExperimentResults.Open(Path.Combine(folder, "results.csv"));
        Assert.IsNotEmpty(results.Rows, $"{experiment} results are committed");
        var stoppingMetric = ExperimentFolderSettings.Read(folder).EarlyStoppingMetric;
        foreach (var row in results.Rows)
        {
            var path = Path.Combine(folder, "trajectories", row.RunName + ".csv");
            Assert.IsTrue(File.Exists(path), $"{row.RunName}: its trajectory {path} is committed");
            var trajectory = TrainingTrajectory.Read(path);
            var epochs = trajectory.Epochs;
            Assert.HasCount(row.Epochs, epochs, $"{row.RunName}: epochs");
            Assert.AreEqual(row.BestEpoch, trajectory.KeptEpoch(stoppingMetric), $"{row.RunName}: best epoch (the one kept on {stoppingMetric})");
            Assert.AreEqual(row.LargestValidationRise, TrainingHistory.LargestRise(epochs), 5e-4, $"{row.RunName}: largest validation-loss rise");
        }
    }

    /// <summary>
    /// Every reference row of the authors' code run here (its note names <c>experiments/hapt/authors</c>) has the
    /// trajectory <c>log_to_csv.py</c> wrote from its log, and the row says what that trajectory says: epochs, the
    /// median training pass, and the best validation loss and its epoch where the note gives them.
    /// </summary>
    [TestMethod]
    public void Every_reference_run_made_here_has_a_trajectory_that_agrees_with_it()
    {
        var runsHere = ReferenceRuns(madeHere: true);
        Assert.IsNotEmpty(runsHere, "reference runs of the authors' code made here are committed");
        foreach (var run in runsHere)
        {
            var name = AuthorsRunName(run);
            var path = AuthorsTrajectory(run);
            Assert.IsTrue(File.Exists(path), $"{name}: its trajectory {path} is committed");
            var trajectory = TrainingTrajectory.Read(path);
            Assert.HasCount(run.Epochs, trajectory.Epochs, $"{name}: epochs");
            var passes = trajectory.Epochs.Select(e => e.TrainSeconds).Order().ToArray();
            // The trajectory keeps milliseconds and the row two decimals, both rounded from the same log value.
            Assert.AreEqual(passes[passes.Length / 2], run.SecondsPerEpoch, 6e-3, $"{name}: s/epoch is the median training pass (log_to_csv.py's)");
            if (BestValidationInNote().Match(run.Note) is { Success: true } best)
            {
                var (loss, epoch) = trajectory.BestValidation;
                Assert.AreEqual(double.Parse(best.Groups[1].Value, CultureInfo.InvariantCulture), loss, 5e-5, $"{name}: best validation loss in the note");
                Assert.AreEqual(int.Parse(best.Groups[2].Value, CultureInfo.InvariantCulture), epoch, $"{name}: epoch of the best validation loss in the note");
            }
        }
    }

    /// <summary>
    /// The reference rows not made here (HAPT fold 1, the authors' runs of <c>../shared/notes/reference-run.md</c>) say
    /// what that note's table of those runs says: epochs, test accuracy and macro F1 per precision and seed, and the best
    /// validation loss and its epoch where the row's note quotes them.
    /// </summary>
    [TestMethod]
    public void Every_reference_run_from_the_shared_notes_says_what_their_table_says()
    {
        var notes = Path.Combine(SharedData.RequireDirectory("notes"), "reference-run.md");
        var table = File.ReadLines(notes).Select(l => NotesRunRow().Match(l)).Where(m => m.Success)
            .ToDictionary(m => (m.Groups["precision"].Value, int.Parse(m.Groups["seed"].Value, CultureInfo.InvariantCulture)));
        var fromNotes = ReferenceRuns(madeHere: false);
        Assert.IsNotEmpty(fromNotes, "the authors' fold-1 runs are reference rows");
        foreach (var run in fromNotes)
        {
            var name = $"fold {run.Fold} seed {run.Seed} {run.Precision}";
            Assert.AreEqual(1, run.Fold, $"{name}: the note's runs are of fold 1");
            Assert.IsTrue(table.TryGetValue((run.Precision, run.Seed), out var row), $"{name}: a run of the note's table ({notes})");
            Assert.AreEqual(int.Parse(row.Groups["epochs"].Value, CultureInfo.InvariantCulture), run.Epochs, $"{name}: epochs");
            Assert.AreEqual(double.Parse(row.Groups["accuracy"].Value, CultureInfo.InvariantCulture), run.Accuracy, $"{name}: test accuracy");
            Assert.AreEqual(double.Parse(row.Groups["macro"].Value, CultureInfo.InvariantCulture), run.MacroF1, $"{name}: test macro F1");
            if (BestValidationInNote().Match(run.Note) is { Success: true } best)
            {
                Assert.AreEqual(row.Groups["best"].Value, best.Groups[1].Value, $"{name}: best validation loss in the note");
                Assert.AreEqual(row.Groups["bestEpoch"].Value, best.Groups[2].Value, $"{name}: its epoch in the note");
            }
        }
    }

    /// <summary>
    /// The reference rows made here with the authors' code are what their code wrote, as <c>experiments/hapt/authors/rerun.sh</c>
    /// committed it in <c>logs/foldF-seedS/</c>: test accuracy, weighted and macro F1 (their <c>score.txt</c>, seven decimals,
    /// rounded to the row's four), and epochs and every epoch's losses and validation scores in the committed trajectory
    /// (their <c>epoch_log.txt</c>). The report says for how many runs that is so, and which are still being rerun.
    /// </summary>
    [TestMethod]
    public void Every_reference_run_made_here_is_what_the_authors_code_wrote()
    {
        var runsHere = ReferenceRuns(madeHere: true);
        string Logs(ReferenceRun run) => Path.Combine(Hapt, "authors", "logs", $"fold{run.Fold}-seed{run.Seed}");
        var logged = runsHere.Where(r => File.Exists(Path.Combine(Logs(r), "score.txt"))).ToArray();
        Assert.IsNotEmpty(logged, "the authors' output of at least one reference run made here is committed");
        var waiting = runsHere.Except(logged).GroupBy(r => r.Fold).Select(g => $"fold {g.Key} seed{(g.Count() > 1 ? "s" : "")} {RepositoryDocuments.Listed(g.Select(r => $"{r.Seed}"))}").ToArray();
        RepositoryDocuments.AssertQuotedIn("docs/training-fidelity.md", waiting.Length == 0
            ? $"is committed in `experiments/hapt/authors/logs/` for all {runsHere.Length} runs made here"
            : $"is committed in `experiments/hapt/authors/logs/` for {logged.Length} of the {runsHere.Length} runs made here so far, and `experiments/hapt/authors/rerun.sh` reruns the other {runsHere.Length - logged.Length}, {RepositoryDocuments.Listed(waiting)}, to commit theirs");
        foreach (var run in logged)
        {
            var name = AuthorsRunName(run);
            var score = AuthorsScore().Match(File.ReadAllText(Path.Combine(Logs(run), "score.txt")));
            Assert.IsTrue(score.Success, $"{name}: score.txt has their test line");
            Assert.AreEqual(Rounded(score.Groups["accuracy"].Value), run.Accuracy, $"{name}: test accuracy");
            Assert.AreEqual(Rounded(score.Groups["weighted"].Value), run.WeightedF1, $"{name}: test weighted F1");
            Assert.AreEqual(Rounded(score.Groups["macro"].Value), run.MacroF1, $"{name}: test macro F1");

            AssertEpochLogIsTrajectory(name, Logs(run), AuthorsTrajectory(run), run.Epochs);
        }
    }

    /// <summary>
    /// The authors' fold-2 seed-1 replay run to the end (<c>replay.py</c>: windows rounded to float32, and again left in
    /// float64), which the training-fidelity report walks through epoch by epoch, is what their code wrote, as
    /// <c>rerun.sh</c> committed it in <c>logs/</c>: every epoch of the committed trajectory, and the test macro F1 the
    /// report quotes (<paramref name="quoted"/>, with their score file's value in place of {0}).
    /// </summary>
    [TestMethod]
    [DataRow("replay-fold2-seed1", "hapt-fold2-seed1-replay", "(ours) and {0} (theirs)")]
    [DataRow("replay-fold2-seed1-float64-windows", "hapt-fold2-seed1-replay-float64-windows", "macro F1 {0} (ours")]
    public void The_authors_replay_run_to_the_end_is_what_their_code_wrote(string logs, string trajectory, string quoted)
    {
        var path = Path.Combine(Hapt, "authors", "trajectories", trajectory + ".csv");
        var folder = Path.Combine(Hapt, "authors", "logs", logs);
        Assert.IsTrue(File.Exists(Path.Combine(folder, "score.txt")), $"{logs}: their score file is committed ({folder})");
        var score = AuthorsScore().Match(File.ReadAllText(Path.Combine(folder, "score.txt")));
        Assert.IsTrue(score.Success, $"{logs}: score.txt has their test line");
        AssertEpochLogIsTrajectory(logs, folder, path, TrainingTrajectory.Read(path).Epochs.Count);

        var macroF1 = Rounded(score.Groups["macro"].Value).ToString("F4", CultureInfo.InvariantCulture);
        StringAssert.Contains(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "training-fidelity.md")),
            string.Format(CultureInfo.InvariantCulture, quoted, macroF1), $"{logs}: the report quotes their test macro F1");
    }

    /// <summary>Their epoch log (<c>epoch_log.txt</c> in <paramref name="logs"/>) has <paramref name="epochs"/> epochs, and each
    /// epoch's losses and validation scores are the committed trajectory's, to the digits their log prints.</summary>
    private static void AssertEpochLogIsTrajectory(string name, string logs, string trajectoryPath, int epochs)
    {
        var theirEpochs = File.ReadLines(Path.Combine(logs, "epoch_log.txt")).Select(l => AuthorsEpoch().Match(l)).Where(m => m.Success).ToArray();
        var trajectory = TrainingTrajectory.Read(trajectoryPath);
        Assert.HasCount(epochs, theirEpochs, $"{name}: epochs in their log");
        for (var i = 0; i < theirEpochs.Length; i++)
        {
            var (theirs, ours) = (theirEpochs[i].Groups, trajectory.Epochs[i]);
            Assert.AreEqual(i + 1, int.Parse(theirs["epoch"].Value, CultureInfo.InvariantCulture), $"{name}: epoch order");
            CollectionAssert.AreEqual(
                new[] { "train", "validation", "accuracy", "weighted", "macro" }.Select(g => double.Parse(theirs[g].Value, CultureInfo.InvariantCulture)).ToArray(),
                new[] { ours.TrainLoss, ours.ValidationLoss, ours.ValidationAccuracy, ours.ValidationWeightedF1, ours.ValidationMacroF1 },
                $"{name} epoch {i + 1}: the trajectory's losses and validation scores");
        }
    }

    private static readonly string Hapt = Path.Combine(SharedData.RepositoryRoot, "experiments", "hapt");

    /// <summary>HAPT's reference rows made here with the authors' code (the note names <c>experiments/hapt/authors</c>,
    /// where their trajectories and logs are), or the others, which come from the shared notes.</summary>
    private static ReferenceRun[] ReferenceRuns(bool madeHere) => ReferenceRun.Read(Path.Combine(Hapt, "reference.csv"))
        .Where(r => r.Note.Contains("experiments/hapt/authors", StringComparison.Ordinal) == madeHere).ToArray();

    private static string AuthorsRunName(ReferenceRun run) => $"{run.Dataset}-fold{run.Fold}-seed{run.Seed}-{run.Precision}";

    /// <summary>The trajectory <c>log_to_csv.py</c> wrote from a run made here.</summary>
    private static string AuthorsTrajectory(ReferenceRun run) => Path.Combine(Hapt, "authors", "trajectories", AuthorsRunName(run) + ".csv");

    private static double Rounded(string sevenDecimals) => Math.Round(double.Parse(sevenDecimals, CultureInfo.InvariantCulture), 4, MidpointRounding.AwayFromZero);

    /// <summary>Their score file's test line (experiment.py: "Test Accuracy: {:.7f}  Test weighted F1: {:.7f}  Test macro F1 {:.7f}").</summary>
    [GeneratedRegex(@"^Test Accuracy: (?<accuracy>\d\.\d{7})  Test weighted F1: (?<weighted>\d\.\d{7})  Test macro F1 (?<macro>\d\.\d{7})", RegexOptions.Multiline)]
    private static partial Regex AuthorsScore();

    /// <summary>Their epoch log's validation line.</summary>
    [GeneratedRegex(@"^VALI: Epoch: (?<epoch>\d+), Steps: \d+ \| Train Loss: (?<train>[\d.]+)\s+Vali Loss: (?<validation>[\d.]+) Vali Accuracy: (?<accuracy>[\d.]+)\s+Vali weighted F1: (?<weighted>[\d.]+)\s+Vali macro F1 (?<macro>[\d.]+)")]
    private static partial Regex AuthorsEpoch();

    /// <summary>A row of the note's table: | series | precision | seed | epochs | best loss (epoch) | rise | accuracy | macro F1 |.</summary>
    [GeneratedRegex(@"^\| [a-z]+ series \| (?<precision>float\d\d) \| (?<seed>\d+) \| (?<epochs>\d+) \| (?<best>\d\.\d{4}) \((?<bestEpoch>\d+)\) \| [^|]+\| (?<accuracy>0\.\d{4}) \| (?<macro>0\.\d{4}) \|$")]
    private static partial Regex NotesRunRow();

    [GeneratedRegex(@"best validation loss (\d+\.\d+) at epoch (\d+)")]
    private static partial Regex BestValidationInNote();

    [TestMethod]
    public void The_committed_int8_comparison_is_the_runners_table()
    {
        var folder = Path.Combine(SharedData.RepositoryRoot, "experiments", "int8");
        var results = ExperimentResults.Open(Path.Combine(folder, "results.csv"));
        Assert.IsNotEmpty(results.Rows, "int8 results are committed");
        foreach (var row in results.Rows)
        {
            Assert.IsNotNull(row.Int8MacroF1, $"{row.RunName}: int8 macro F1");
            Assert.IsTrue(row.Int8ModelBytes > 0 && row.Int8LatencyMs > 0 && row.Int8WindowsPerSecond > 0 && row.WindowsPerSecond > 0, $"{row.RunName}: int8 bytes and speeds");
        }
        Assert.AreEqual(results.ToInt8Markdown(), File.ReadAllText(Path.Combine(folder, "int8.md")));
    }

    /// <summary>Each results folder is rerun as its README command ran it: with the recipe and windows the folder records
    /// (<see cref="ExperimentFolderSettings.Read"/>), and <c>hapt/authors-split</c> on the authors' own split. The run is stopped after
    /// its first epochs rather than given fewer, since a cosine rate depends on the most epochs.</summary>
    [TestMethod]
    [DataRow("hapt", "data/uci-har-hapt", null)]
    [DataRow("hapt/authors-split", "data/uci-har-hapt", "experiments/hapt/authors/splits/fold{0}-seed{1}.txt")]
    [DataRow("usc-had", "data/usc-had", null)]
    [DataRow("hapt/whar-windows", "data/uci-har-hapt", null)]
    [DataRow("hapt/whar-arena", "data/uci-har-hapt", null)]
    public void Rerunning_the_first_epochs_of_a_committed_run_reproduces_its_trajectory(string experiment, string data, string? validationWindows)
    {
        var root = SharedData.RequireDirectory(data);
        var folder = Path.Combine(SharedData.RepositoryRoot, "experiments", experiment);
        var row = ExperimentResults.Open(Path.Combine(folder, "results.csv")).Rows
            .Where(r => r.Model == "tinierhar" && r.Precision == "float32" && r.CancelledBiases == FoldResult.CancelledBiasesName(true))
            .OrderBy(r => r.Fold).ThenBy(r => r.Seed).First();
        var committed = TrainingTrajectory.Read(Path.Combine(folder, "trajectories", row.RunName + ".csv")).Epochs;
        var split = validationWindows is null ? null
            : File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, string.Format(CultureInfo.InvariantCulture, validationWindows, row.Fold, row.Seed)));

        var options = ExperimentFolderSettings.Read(folder);
        options.ValidationWindows = split;
        var ml = new MLContext(row.Seed);
        var log = new List<string>();
        ml.Log += (_, message) => log.Add(message.Message);
        using var stop = new CancellationTokenSource();
        var history = new List<EpochReport>();
        var hooks = new TrainingHooks
        {
            Log = ml,
            Cancellation = stop.Token,
            Progress = new EpochCallback(report =>
            {
                history.Add(report);
                if (history.Count == RerunEpochs)
                    stop.Cancel();
            }),
        };
        Assert.ThrowsExactly<OperationCanceledException>(() => PaperExperiment.RunFold(ml, HarDatasets.Get(row.Dataset), root, row.Model, row.Fold, row.Seed, options, hooks));

        var windows = string.Create(CultureInfo.InvariantCulture, $": {row.TrainWindows} training and {row.ValidationWindows} validation windows of ");
        Assert.IsTrue(log.Any(m => m.Contains(windows, StringComparison.Ordinal)), $"the rerun trains and validates on the row's windows ({windows}):\n{string.Join("\n", log.Where(m => m.Contains("windows", StringComparison.Ordinal)))}");
        for (var i = 0; i < RerunEpochs; i++)
        {
            var (ours, theirs) = (history[i], committed[i]);
            TestContext.WriteLine($"{experiment} {row.RunName} epoch {i + 1}: train loss {ours.TrainLoss:G9} / committed {theirs.TrainLoss:G9}, validation loss {ours.ValidationLoss:G9} / {theirs.ValidationLoss:G9}");
            Assert.AreEqual(theirs.TrainLoss, ours.TrainLoss, 1e-6 * theirs.TrainLoss, $"{experiment} {row.RunName} epoch {i + 1}: training loss; regenerate the committed results");
            Assert.AreEqual(theirs.ValidationLoss, ours.ValidationLoss, 1e-6 * theirs.ValidationLoss, $"{experiment} {row.RunName} epoch {i + 1}: validation loss; regenerate the committed results");
        }
    }
}
