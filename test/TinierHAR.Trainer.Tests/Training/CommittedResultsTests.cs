using System.Globalization;
using Microsoft.ML;
using TinierHAR.MLNet.Datasets.Benchmarks;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Experiments;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Trainer.Tests.Training;

/// <summary>
/// The committed HAPT results must be what the code at HEAD produces: every row has its per-epoch trajectory, and
/// rerunning the first epochs of a committed run reproduces that trajectory. A change to training that is not followed
/// by regenerated results fails here.
/// </summary>
[TestClass]
public sealed class CommittedResultsTests
{
    private const int RerunEpochs = 3;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    [DataRow("hapt")]
    [DataRow("hapt/authors-split")]
    [DataRow("hapt/replay")]
    public void Every_committed_row_has_a_trajectory_that_agrees_with_it(string experiment)
    {
        var folder = Path.Combine(SharedData.RepositoryRoot, "experiments", experiment);
        var results = ExperimentResults.Open(Path.Combine(folder, "results.csv"));
        Assert.IsNotEmpty(results.Rows, $"{experiment} results are committed");
        foreach (var row in results.Rows)
        {
            var path = Path.Combine(folder, "trajectories", row.RunName + ".csv");
            Assert.IsTrue(File.Exists(path), $"{row.RunName}: its trajectory {path} is committed");
            var trajectory = TrainingTrajectory.Read(path);
            var epochs = trajectory.Epochs;
            Assert.HasCount(row.Epochs, epochs, $"{row.RunName}: epochs");
            Assert.AreEqual(row.BestEpoch, trajectory.BestValidation.Epoch, $"{row.RunName}: best epoch (the last of the lowest validation loss)");
            Assert.AreEqual(row.LargestValidationRise, TrainingHistory.LargestRise(epochs), 5e-4, $"{row.RunName}: largest validation-loss rise");
        }
    }

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

    /// <summary>Each results folder is rerun as its README command ran it: <c>hapt/authors-split</c> validates on the
    /// authors' own split.</summary>
    [TestMethod]
    [DataRow("hapt", null)]
    [DataRow("hapt/authors-split", "experiments/hapt/authors/splits/fold{0}-seed{1}.txt")]
    public void Rerunning_the_first_epochs_of_a_committed_run_reproduces_its_trajectory(string experiment, string? validationWindows)
    {
        var root = SharedData.RequireDirectory("data/uci-har-hapt");
        var folder = Path.Combine(SharedData.RepositoryRoot, "experiments", experiment);
        var row = ExperimentResults.Open(Path.Combine(folder, "results.csv")).Rows
            .Where(r => r.Model == "tinierhar" && r.Precision == "float32" && r.CancelledBiases == FoldResult.CancelledBiasesName(true))
            .OrderBy(r => r.Fold).ThenBy(r => r.Seed).First();
        var committed = TrainingTrajectory.Read(Path.Combine(folder, "trajectories", row.RunName + ".csv")).Epochs;
        var split = validationWindows is null ? null
            : File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, string.Format(CultureInfo.InvariantCulture, validationWindows, row.Fold, row.Seed)));

        var rerun = PaperExperiment.RunFold(new MLContext(row.Seed), new HaptDataset(), root, row.Model, row.Fold, row.Seed,
            new PaperExperimentOptions { MaxEpochs = RerunEpochs, ValidationWindows = split });

        Assert.AreEqual((row.TrainWindows, row.ValidationWindows, row.TestWindows), (rerun.TrainWindows, rerun.ValidationWindows, rerun.TestWindows));
        for (var i = 0; i < RerunEpochs; i++)
        {
            var (ours, theirs) = (rerun.History![i], committed[i]);
            TestContext.WriteLine($"{experiment} {row.RunName} epoch {i + 1}: train loss {ours.TrainLoss:G9} / committed {theirs.TrainLoss:G9}, validation loss {ours.ValidationLoss:G9} / {theirs.ValidationLoss:G9}");
            Assert.AreEqual(theirs.TrainLoss, ours.TrainLoss, 1e-6 * theirs.TrainLoss, $"{experiment} {row.RunName} epoch {i + 1}: training loss; regenerate the committed results");
            Assert.AreEqual(theirs.ValidationLoss, ours.ValidationLoss, 1e-6 * theirs.ValidationLoss, $"{experiment} {row.RunName} epoch {i + 1}: validation loss; regenerate the committed results");
        }
    }
}
