using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.Datasets;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.MLNet.Scoring;
using TinierHAR.TestSupport;

namespace TinierHAR.Experiments.Tests.Experiments;

/// <summary>
/// The committed results rows are recomputed from the evidence their runs left (<see cref="RunEvidence"/>): every
/// test window's true and predicted class gives the row's accuracy and F1s (and its int8 form's predictions its int8
/// macro F1), and a committed model bundle rescored on its fold's test windows gives those predictions again.
/// </summary>
[TestClass]
public sealed class CommittedEvidenceTests
{
    public TestContext TestContext { get; set; } = null!;

    private static string Experiments => Path.Combine(SharedData.RepositoryRoot, "experiments");

    /// <summary>Every folder with a runner's results file, and its rows.</summary>
    private static IEnumerable<(string Folder, FoldResult Row)> CommittedRows() =>
        from path in Directory.EnumerateFiles(Experiments, "results.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        from row in ExperimentResults.Open(path).Rows
        select (Path.GetDirectoryName(path)!, row);

    [TestMethod]
    public void Every_committed_prediction_file_gives_its_rows_accuracy_and_F1s()
    {
        var checkedRows = 0;
        foreach (var (folder, row) in CommittedRows())
        {
            var path = RunEvidence.PredictionsPath(folder, row.RunName);
            if (!File.Exists(path))
                continue;
            var name = $"{Path.GetRelativePath(Experiments, folder)}/{row.RunName}";
            var predictions = RunEvidence.ReadPredictions(path);
            Assert.HasCount(row.TestWindows, predictions, $"{name}: one prediction per test window");
            Assert.AreEqual(predictions.Count, predictions.Select(p => p.Window).Distinct(StringComparer.Ordinal).Count(), $"{name}: windows named once");
            var metrics = RunEvidence.Metrics(predictions, HarDatasets.Get(row.Dataset).ClassNames);
            // The results file keeps four decimals.
            Assert.AreEqual(row.Accuracy, metrics.Accuracy, 5e-5, $"{name}: accuracy");
            Assert.AreEqual(row.WeightedF1, metrics.WeightedF1, 5e-5, $"{name}: weighted F1");
            Assert.AreEqual(row.MacroF1, metrics.MacroF1, 5e-5, $"{name}: macro F1");
            if (row.Int8MacroF1 is { } int8MacroF1)
            {
                var int8Path = RunEvidence.Int8PredictionsPath(folder, row.RunName);
                Assert.IsTrue(File.Exists(int8Path), $"{name}: the int8 form's predictions beside the float32 ones");
                var int8 = RunEvidence.ReadPredictions(int8Path);
                CollectionAssert.AreEqual(predictions.Select(p => (p.Window, p.Label)).ToArray(), int8.Select(p => (p.Window, p.Label)).ToArray(),
                    $"{name}: the int8 form scored the same windows");
                Assert.AreEqual(int8MacroF1, RunEvidence.Metrics(int8, HarDatasets.Get(row.Dataset).ClassNames).MacroF1, 5e-5, $"{name}: int8 macro F1");
            }
            checkedRows++;
        }
        TestContext.WriteLine($"{checkedRows} committed rows recomputed from their predictions");
        Assert.IsGreaterThan(0, checkedRows, "some committed run has its predictions");
    }

    /// <summary>training-fidelity.md says how many committed rows have their evidence and, by folder, how many still
    /// wait for the backfill; once none waits, it must say that every row has it.</summary>
    [TestMethod]
    public void The_docs_say_which_committed_rows_have_their_evidence()
    {
        var rows = CommittedRows().ToArray();
        var without = rows.Where(r => !File.Exists(RunEvidence.PredictionsPath(r.Folder, r.Row.RunName))).ToArray();
        var byFolder = without.GroupBy(r => Path.GetRelativePath(Experiments, r.Folder).Replace('\\', '/'), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        RepositoryDocuments.AssertQuotedIn("docs/training-fidelity.md", without.Length == 0
            ? $"Every one of the {rows.Length} committed rows has its evidence."
            : $"Of the {rows.Length} committed rows, {rows.Length - without.Length} have their evidence so far; the other {without.Length} ({string.Join(", ", byFolder)}) {(without.Length == 1 ? "waits" : "wait")} for the backfill");
    }

    [TestMethod]
    public void Every_evidence_file_belongs_to_a_committed_row()
    {
        var runs = CommittedRows().Select(r => (r.Folder, r.Row.RunName)).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(Experiments, "*", SearchOption.AllDirectories)
                     .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) == RunEvidence.FolderName))
        {
            var folder = Path.GetDirectoryName(Path.GetDirectoryName(file))!;
            var run = Path.GetFileName(file).Split('.')[0];
            Assert.Contains((folder, run), runs, $"{file}: evidence of a run that no results.csv beside it holds");
        }
    }

    /// <summary>The first run of the folder that kept its bundle is rescored: its fold's test windows, cut again from
    /// the dataset as the run cut them, through the bundle's normalisation and ONNX network.</summary>
    [TestMethod]
    [DataRow("usc-had", "data/usc-had")]
    [DataRow("hapt/whar-arena", "data/uci-har-hapt")]
    public void Rescoring_a_committed_bundle_on_its_test_windows_gives_its_predictions(string experiment, string data)
    {
        var root = SharedData.RequireDirectory(data);
        var folder = Path.Combine(Experiments, experiment);
        var row = ExperimentResults.Open(Path.Combine(folder, "results.csv")).Rows.OrderBy(r => r.Fold).ThenBy(r => r.Seed)
            .FirstOrDefault(r => File.Exists(RunEvidence.BundlePath(folder, r.RunName)));
        Assert.IsNotNull(row, $"{experiment}: some run's bundle is committed");
        var committed = RunEvidence.ReadPredictions(RunEvidence.PredictionsPath(folder, row.RunName));

        var ml = new MLContext(row.Seed);
        using var bundle = HarModelBundle.Load(ml, RunEvidence.BundlePath(folder, row.RunName));
        // A window spec in samples: the folder's own windows (0 where the dataset's own, in seconds, were used).
        var windows = PaperExperiment.TestWindows(ml, HarDatasets.Get(row.Dataset), root, row.Fold, row.Seed,
            new PaperExperimentOptions { WindowLength = bundle.Manifest.Window.Length, WindowStep = bundle.Manifest.Window.Step });
        var names = windows.GetColumn<string>(PaperExperiment.WindowNameColumnName).ToArray();
        var labelColumn = windows.Schema[DatasetSamplesDataView.LabelColumnName];
        var labelNames = HarMetrics.KeyNames(labelColumn, (int)((KeyDataViewType)labelColumn.Type).Count);
        var labels = windows.GetColumn<uint>(labelColumn).Select(k => labelNames[k - 1]).ToArray();
        using var scorer = bundle.CreateBatchedScorer();
        var scores = scorer.Score(windows.GetColumn<float[]>("Features").SelectMany(f => f).ToArray());
        var classes = bundle.Manifest.ClassNames;
        string Predicted(int window) => classes[ScoreArgMaxMapping.ArgMax(scores.AsSpan(window * classes.Count, classes.Count))];

        CollectionAssert.AreEqual(committed.Select(p => p.Window).ToArray(), names, $"{row.RunName}: the same test windows, in order");
        CollectionAssert.AreEqual(committed.Select(p => p.Label).ToArray(), labels, $"{row.RunName}: the same true classes");
        var differing = Enumerable.Range(0, names.Length).Where(i => Predicted(i) != committed[i].Predicted).ToArray();
        TestContext.WriteLine($"{experiment}/{row.RunName}: {names.Length} windows rescored, {differing.Length} predicted differently");
        Assert.IsEmpty(differing, $"{row.RunName}: rescored predictions (first difference at window {differing.FirstOrDefault()})");
    }
}
