using System.Globalization;
using System.Text.RegularExpressions;
using TinierHAR.Datasets;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Training;
using static TinierHAR.TestSupport.RepositoryDocuments;

namespace TinierHAR.Experiments.Tests.Experiments;

/// <summary>
/// The summary at the top of docs/training-fidelity.md ("Does our training match the authors'?") quotes the committed
/// runs: each figure is recomputed here from <c>experiments/hapt</c> (our results, the authors' rows in reference.csv,
/// the runs on the authors' split and the trajectories) and from the authors' logged fold-1 trajectories in
/// <c>../shared/notes/reference-trajectories</c>.
/// </summary>
[TestClass]
public sealed partial class TrainingFidelitySummaryTests
{
    private const string Document = "docs/training-fidelity.md";
    private static readonly string Hapt = Path.Combine(SharedData.RepositoryRoot, "experiments", "hapt");

    [TestMethod]
    public void The_summary_quotes_the_committed_runs()
    {
        var ours = CsvRows.Read(Path.Combine(Hapt, "results.csv")).Where(r => r["model"] == "tinierhar").ToArray();
        var defaults = ours.Where(r => r["precision"] == "float32" && r["cancelled_biases"] == "zero").ToArray();
        var reference = CsvRows.Read(Path.Combine(Hapt, "reference.csv")).Where(r => r["model"] == "tinierhar" && r["precision"] == "float64").ToArray();
        var authorsSplit = CsvRows.Read(Path.Combine(Hapt, "authors-split", "results.csv")).OrderBy(Seed).ToArray();
        Dictionary<string, string> Run(IEnumerable<Dictionary<string, string>> rows, int fold, int seed) => rows.Single(r => Fold(r) == fold && Seed(r) == seed);

        var perFold = Enumerable.Range(1, 5).Select(fold =>
        {
            var runs = defaults.Where(r => Fold(r) == fold).Select(F1).ToArray();
            return SeedMeans.Format(runs) + (runs.Length == 3 ? "" : $" ({runs.Length} seeds)");
        });
        var theirFold2 = reference.Where(r => Fold(r) == 2).OrderBy(Seed).ToArray();
        var theirLaterFolds = string.Join(", ", new[] { 3, 4, 5 }.Select(fold => Listed([Fixed(F1(Run(reference, fold, 1))), Fixed(F1(Run(reference, fold, 2)))])));
        var ourSplitRuns = authorsSplit.Select(F1).ToArray();
        var theirSplitRuns = authorsSplit.Select(r => F1(Run(reference, 2, Seed(r)))).ToArray();
        // The seed numbers name different random streams in the two codes: the two samples' means, pooled variance.
        var (splitDifference, splitVariance) = SeedMeans.Difference(ourSplitRuns, theirSplitRuns);

        var fold1 = Enumerable.Range(1, 5).Select(seed => Trajectory(Path.Combine(Hapt, "trajectories", $"tinierhar-fold1-seed{seed}-float32.csv"))).ToArray();
        var float64 = Trajectory(Path.Combine(Hapt, "trajectories", "tinierhar-fold1-seed1-float64.csv"));
        var (theirFloat64, theirFloat32) = (AuthorsTrajectory("float64"), AuthorsTrajectory("float32"));
        var theirSeed1 = BestOfNote().Match(Run(reference, 1, 1)["note"]);
        Assert.IsTrue(theirSeed1.Success, "reference.csv's fold-1 seed-1 note gives its best validation loss and epoch");
        var tracking = fold1[0].Take(40).Zip(float64.Take(40), (a, b) => Math.Max(Relative(a.TrainLoss, b.TrainLoss), Relative(a.ValidationLoss, b.ValidationLoss))).Max();
        string MostSeeds(int fold) => defaults.Where(r => Fold(r) == fold).Max(Seed).ToString(CultureInfo.InvariantCulture);
        (double Difference, double Variance) AgainstTheirs(int fold) =>
            SeedMeans.Difference(defaults.Where(r => Fold(r) == fold).Select(F1).ToArray(), reference.Where(r => Fold(r) == fold).Select(F1).ToArray());
        string Verdict(int fold)
        {
            var (difference, variance) = AgainstTheirs(fold);
            return $"{difference.ToString("+0.0000;−0.0000", CultureInfo.InvariantCulture)} ± {Fixed(Math.Sqrt(variance))}";
        }
        var fold2Runs = defaults.Count(r => Fold(r) == 2);
        Assert.AreEqual(fold2Runs, theirFold2.Length, "the prose: fold 2 has as many runs on each side");
        var fold1Split = defaults.Where(r => Fold(r) == 1).Select(r => (Train: r["train_windows"], Validation: r["validation_windows"])).Distinct().Single();
        var fold1Training = int.Parse(fold1Split.Train, CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture);
        var (fold2Difference, fold2Variance) = AgainstTheirs(2);
        Assert.IsLessThan(1.96 * Math.Sqrt(fold2Variance), Math.Abs(fold2Difference), "the prose: fold 2's difference is within chance");

        RepositoryDocuments.AssertQuotedIn(Document,
        [
            $"Our default float32 runs rise by at most ×{Rise(defaults.Max(Rise))} from one epoch to the next in all {defaults.Length} runs of HAPT folds 1–5 (×{Rise(Rise(Run(defaults, 1, 1)))} on fold 1, seed 1)",
            $"The authors' float32 run (fold 1, seed 2) rose ×{Rise(TrainingHistory.LargestRise(theirFloat32))}",
            $"The same seed-1 run with the cancelled biases on their computed gradient rises ×{Rise(Rise(Run(ours.Where(r => r["cancelled_biases"] == "computed"), 1, 1)))}",
            $"Our float64 and float32 runs from the same seed follow each other within {Math.Ceiling(100 * tracking)} % for 40 epochs",
            $"seeds 1–3, seeds 4–{MostSeeds(1)} added on fold 1 and 4–{MostSeeds(2)} on fold 2): macro F1 per fold {Listed(perFold)}. No run rose by more than ×{Rise(defaults.Max(Rise))}",
            $"fold 1 {Verdict(1)} against their float64, fold 2 {Verdict(2)} ({fold2Runs} runs each), fold 3 {Verdict(3)}, fold 4 {Verdict(4)}, fold 5 {Verdict(5)}",
            $"on fold 2 the difference, {Verdict(2)} over {fold2Runs} seeds each, is within chance",
            $"fold 2 seeds 1–{theirFold2.Length} and folds 3–5 run here",
            $"the first `int(0.9·n)` train ({fold1Training} / {fold1Split.Validation} on fold 1)",
            $"Seconds per training epoch on HAPT fold 1 ({fold1Training} windows of 200 x 6",
            $"scored {Listed(theirFold2.Select(r => Fixed(F1(r))))} on fold 2 with seeds 1–{theirFold2.Length} ({SeedMeans.Format(theirFold2.Select(F1).ToArray())}; ours {SeedMeans.Format(defaults.Where(r => Fold(r) == 2).Select(F1).ToArray())}, the same spread)",
            $"and {theirLaterFolds} on folds 3, 4 and 5 (seeds 1, 2)",
            $"Our float64 runs of fold 2 scored {Fixed(F1(Run(ours.Where(r => r["precision"] == "float64"), 2, 1)))} and {Fixed(F1(Run(ours.Where(r => r["precision"] == "float64"), 2, 2)))} (seeds 1, 2)",
            $"our runs score {Listed(ourSplitRuns.Select(Fixed))} against their {Listed(theirSplitRuns.Select(Fixed))} (table \"The authors' split\" below): {splitDifference.ToString("+0.0000;−0.0000", CultureInfo.InvariantCulture)} ± {Fixed(Math.Sqrt(splitVariance))}",
            $"our five float32 fold-1 runs reach best validation losses of {Range(fold1.Select(l => (decimal)BestLoss(l)), 2)}, and the plateau rule lowers their rate at epochs {Listed(fold1.Select(FirstDrop).Order().Select(e => e.ToString(CultureInfo.InvariantCulture)))}",
            $"the authors' fold-1 seed-2 runs lowered it at epoch {FirstDrop(theirFloat64)} in float64 and {FirstDrop(theirFloat32)} in float32, and reached {BestLoss(theirFloat64):0.0000} and {BestLoss(theirFloat32):0.0000}",
            $"The fix keeps the network and its {long.Parse(defaults[0]["parameters"], CultureInfo.InvariantCulture).ToString("N0", CultureInfo.InvariantCulture)} parameters as the authors define them",
            $"Our float64 seed-1 run first lowers it at epoch {FirstDrop(float64)} and reaches {BestLoss(float64):0.0000} after {float64.Length} epochs (theirs: {theirSeed1.Groups[1].Value} and {Run(reference, 1, 1)["epochs"]})",
        ]);
    }

    /// <summary>"What the trajectories show": the two float32 recipes of fold 1, seeds 1–3, from results and trajectories.</summary>
    [TestMethod]
    public void The_cancelled_bias_paragraph_quotes_the_committed_runs()
    {
        var fold1 = CsvRows.Read(Path.Combine(Hapt, "results.csv")).Where(r => r["model"] == "tinierhar" && r["precision"] == "float32" && Fold(r) == 1).ToArray();
        Dictionary<string, string> Run(string biases, int seed) => fold1.Single(r => r["cancelled_biases"] == biases && Seed(r) == seed);
        double[] Seeds(string biases) => [.. Enumerable.Range(1, 3).Select(seed => F1(Run(biases, seed)))];
        var computed = Trajectory(Path.Combine(Hapt, "trajectories", "tinierhar-fold1-seed1-float32-computed.csv"));
        var standard = Trajectory(Path.Combine(Hapt, "trajectories", "tinierhar-fold1-seed1-float32.csv"));
        var jumps = computed.Zip(computed.Skip(1), (a, b) => (Epoch: b.Epoch, From: a.ValidationLoss, To: b.ValidationLoss)).Where(j => j.To > 2 * j.From).ToArray();
        Assert.HasCount(2, jumps, "the run's jumps (more than doubling)");
        string Jump((int Epoch, double From, double To) j) => string.Create(CultureInfo.InvariantCulture, $"×{Rise(j.To / j.From)} at epoch {j.Epoch} ({j.From:0.00} to {j.To:0.00})");

        RepositoryDocuments.AssertQuotedIn(Document,
        [
            $"Its validation loss, though, jumps {Jump(jumps[0])} and {Jump(jumps[1])}. The default run from the same seed stays smooth (×{Rise(Rise(Run("zero", 1)))})",
            $"rate first dropped at epoch {FirstDrop(computed)} ({FirstDrop(standard)} in the default run), and the run ended with macro F1 {Fixed(F1(Run("computed", 1)))} against the default's {Fixed(F1(Run("zero", 1)))}",
            $"Seed 2 did not spike with either recipe (×{Rise(Rise(Run("computed", 2)))} and ×{Rise(Rise(Run("zero", 2)))})",
            $"the spikes depend on the seed, as in the authors' float32 run (×{Rise(TrainingHistory.LargestRise(AuthorsTrajectory("float32")))} at seed 2)",
            $"Seed 3 rose ×{Rise(Rise(Run("computed", 3)))} with the computed gradients and ×{Rise(Rise(Run("zero", 3)))} with the default",
            $"seeds 1–3 the default recipe scores macro F1 {SeedMeans.Format(Seeds("zero"))} and the computed one {SeedMeans.Format(Seeds("computed"))}",
        ]);
    }

    /// <summary>
    /// "Replaying the authors' run": our replay against the authors' replay.py run (float32 windows) and against their
    /// run with float64 windows, from the three committed trajectories.
    /// </summary>
    [TestMethod]
    public void The_replay_paragraphs_quote_the_committed_trajectories()
    {
        var ours = Trajectory(Path.Combine(Hapt, "replay", "trajectories", "tinierhar-fold2-seed1-float64.csv"));
        var theirs = Trajectory(Path.Combine(Hapt, "authors", "trajectories", "hapt-fold2-seed1-replay.csv"));
        var theirFloat64Windows = Trajectory(Path.Combine(Hapt, "authors", "trajectories", "hapt-fold2-seed1-replay-float64-windows.csv"));
        int Within(EpochReport[] a, EpochReport[] b, Func<EpochReport, double> loss, double tolerance) =>
            a.Zip(b).TakeWhile(p => Relative(loss(p.First), loss(p.Second)) <= tolerance).Last().First.Epoch;
        int Parts(EpochReport[] a, EpochReport[] b, Func<EpochReport, double> loss) => Within(a, b, loss, 0.001) + 1;
        var (ourBests, theirBests) = (NewBests(ours), NewBests(theirs));
        var shared = ourBests.Zip(theirBests).TakeWhile(p => p.First == p.Second).Count();
        var (lastShared, theirNext) = (ourBests[shared - 1], theirBests[shared]);
        double At(EpochReport[] run, int epoch) => run[epoch - 1].ValidationLoss;
        string Loss(double value, string format = "0.0000") => value.ToString(format, CultureInfo.InvariantCulture);
        CollectionAssert.AreEqual(ourBests, NewBests(theirFloat64Windows), "their float64-window run sets its new bests where ours does");
        Assert.AreEqual((FirstDrop(ours), ours.Length), (FirstDrop(theirFloat64Windows), theirFloat64Windows.Length), "the same rate drop and length");
        Assert.AreEqual(BestLoss(ours).ToString("0.0000", CultureInfo.InvariantCulture), Loss(BestLoss(theirFloat64Windows)), "the same best validation loss");

        var lastSplitRun = CsvRows.Read(Path.Combine(Hapt, "authors-split", "results.csv")).MaxBy(Seed)!;
        var ourF1 = Fixed(F1(CsvRows.Read(Path.Combine(Hapt, "replay", "results.csv")).Single()));
        var (theirReplay, theirFloat64WindowsReplay) = (AuthorsMacroF1("replay-fold2-seed1"), AuthorsMacroF1("replay-fold2-seed1-float64-windows"));
        var (theirF1, theirFloat64WindowsF1) = (Fixed(theirReplay), Fixed(theirFloat64WindowsReplay));
        var theirSplitBest = BestLoss(Trajectory(Path.Combine(Hapt, "authors", "trajectories", "hapt-fold2-seed1-float64.csv"))).ToString("0.0000000", CultureInfo.InvariantCulture);

        RepositoryDocuments.AssertQuotedIn(Document,
        [
            $"seed {Seed(lastSplitRun)} now stops after {lastSplitRun["epochs"]} epochs (it ran longer before; that run is not kept) at macro F1 {lastSplitRun["macro_f1"]}",
            $"The whole run, {theirs.Length} epochs on their side: validation losses agree within 0.1 % to epoch {Within(ours, theirs, e => e.ValidationLoss, 0.001)} and within 1 % to "
                + $"epoch {Within(ours, theirs, e => e.ValidationLoss, 0.01)}, training losses within 0.1 % to epoch {Within(ours, theirs, e => e.TrainLoss, 0.001)} and within 1 % to epoch {Within(ours, theirs, e => e.TrainLoss, 0.01)}",
            $"at the same epochs up to epoch {lastShared} ({Loss(At(ours, lastShared))} ours, {Loss(At(theirs, lastShared))} theirs)",
            $"at epoch {theirNext} theirs reaches {Loss(At(theirs, theirNext))}, a new best, and ours {Loss(At(ours, theirNext))}, none",
            $"our rate falls to 1e-4 from epoch {FirstDrop(ours)}, theirs only from epoch {FirstDrop(theirs)}",
            $"(training loss {Loss(ours[^1].TrainLoss, "0.000")} against {Loss(theirs[^1].TrainLoss, "0.000")} at the end, best validation loss {Loss(BestLoss(ours), "0.000")} against {Loss(BestLoss(theirs), "0.000")})",
            $"(0.1 % at epoch {Parts(theirFloat64Windows, theirs, e => e.TrainLoss)}–{Parts(theirFloat64Windows, theirs, e => e.ValidationLoss)}) and lands where ours landed: the same new-best epochs as ours throughout, "
                + $"the rate drop at epoch {FirstDrop(theirFloat64Windows)}, {theirFloat64Windows.Length} epochs, best validation loss {Loss(BestLoss(theirFloat64Windows))} at epoch {ourBests[^1]} (ours: the same), "
                + $"macro F1 {theirFloat64WindowsF1} (ours {ourF1}, their float32-window run {theirF1})",
            $"and end at macro F1 {ourF1} (ours) and {theirF1} (theirs)",
            $"lands where ours does (F1 {theirFloat64WindowsF1} and {ourF1} against their {theirF1})",
            $"their saved fold-2 seed-1 model scores their logged best validation loss, {theirSplitBest}, on it",
            $"Their saved fold-2 seed-1 model scores their logged best validation loss ({theirSplitBest}) on the written split",
            $"their validation losses within 0.1 % for {Within(ours, theirs, e => e.ValidationLoss, 0.001)} epochs",
            $"their own code moves by {Math.Abs(theirReplay - theirFloat64WindowsReplay):0.000} when only the windows' rounding changes",
        ]);
    }

    /// <summary>
    /// "What moves the ranking": TinierHAR's seed-1 macro F1 spreads over HAPT's folds by more than 0.1, more than any
    /// model's difference from TinierHAR on a run both made, as the WHAR Arena section says; and what the model does:
    /// on how many folds DeepConvLSTM leads, the paired difference, and the verdict and interval <c>report</c> writes.
    /// </summary>
    [TestMethod]
    public void The_folds_move_F1_more_than_the_models_do()
    {
        var results = ExperimentResults.Open(Path.Combine(Hapt, "results.csv"));
        var runs = results.Rows.Where(r => r.Precision == "float32" && r.CancelledBiases == FoldResult.CancelledBiasesName(true) && r.Seed == 1).ToArray();
        var tinier = runs.Where(r => r.Model == "tinierhar").ToDictionary(r => r.Fold, r => r.MacroF1);
        var spread = tinier.Values.Max() - tinier.Values.Min();
        var gaps = runs.Where(r => r.Model != "tinierhar" && tinier.ContainsKey(r.Fold)).Select(r => Math.Abs(r.MacroF1 - tinier[r.Fold])).ToArray();
        Assert.IsNotEmpty(gaps, "runs of the other models on TinierHAR's folds");
        Assert.IsGreaterThan(0.1, spread);
        Assert.IsGreaterThan(gaps.Max(), spread, "the folds move F1 more than any model gap");
        var dcl = runs.Where(r => r.Model == "deepconvlstm").OrderBy(r => r.Fold).ToArray();
        RepositoryDocuments.AssertQuotedIn(Document, "one model's macro F1 moves by more than 0.1 between folds here, more than any gap between the models",
            $"DeepConvLSTM has run on {dcl.Length} of HAPT's 10 folds here");

        var (dclF1, tinierF1) = (dcl.Select(r => r.MacroF1).ToArray(), dcl.Select(r => tinier[r.Fold]).ToArray());
        var notLed = dcl.Where(r => r.MacroF1 <= tinier[r.Fold]).Select(r => r.Fold).ToArray();
        var leads = notLed.Length == 0 ? $"each of the {dcl.Length} folds both have run" : $"{dcl.Length - notLed.Length} of the {dcl.Length} folds both have run (not on {Folds(notLed)})";
        var (verdict, interval) = Verdict(results, "deepconvlstm");
        var fails = verdict.Contains("**The claim does not hold here**", StringComparison.Ordinal);
        Assert.IsTrue(fails || verdict.Contains("**No difference shown**", StringComparison.Ordinal), verdict);
        var conclusion = fails ? "on HAPT the paper's claim does not hold against DeepConvLSTM." : "these runs do not contradict the paper's claim against DeepConvLSTM.";
        var missing = Enumerable.Range(1, 5).Except(dcl.Select(r => r.Fold)).ToArray();
        RepositoryDocuments.AssertQuotedIn(Document,
            $"DeepConvLSTM leads TinierHAR on {leads}, by {SeedMeans.PairedDifference(dclF1, tinierF1)} paired, "
                + $"{(fails ? "beyond" : "within")} the t-test's 95 % interval (±{interval}; the verdict above): {conclusion}"
                + (missing.Length == 0 ? "" : $" Its {Folds(missing)} {(missing.Length > 1 ? "are" : "is")} under way."));
    }

    /// <summary>Folds as the docs name them: "fold 4", "folds 1, 2 and 3".</summary>
    private static string Folds(IEnumerable<int> folds) =>
        (folds.Count() == 1 ? "fold " : "folds ") + Listed(folds.Select(f => f.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The line <c>report</c> writes for <paramref name="model"/>'s verdict on these results, and the 95 % interval it quotes.</summary>
    private static (string Line, string Interval) Verdict(ExperimentResults results, string model)
    {
        var line = results.ToModelVerdictMarkdown().Split('\n').Single(l => l.StartsWith($"- **{model}**", StringComparison.Ordinal));
        var interval = VerdictInterval().Match(line);
        Assert.IsTrue(interval.Success, line);
        return (line, interval.Groups[1].Value);
    }

    /// <summary>The test macro F1 the authors' code wrote in its score file for one of their committed runs.</summary>
    private static double AuthorsMacroF1(string run)
    {
        var match = AuthorsScore().Match(File.ReadAllText(Path.Combine(Hapt, "authors", "logs", run, "score.txt")));
        Assert.IsTrue(match.Success, $"{run}'s score file");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The epochs at which a run set a new best validation loss.</summary>
    private static int[] NewBests(EpochReport[] run)
    {
        var best = double.MaxValue;
        var epochs = new List<int>();
        foreach (var epoch in run.Where(e => e.ValidationLoss < best))
        {
            best = epoch.ValidationLoss;
            epochs.Add(epoch.Epoch);
        }
        return [.. epochs];
    }

    private static int Fold(Dictionary<string, string> row) => int.Parse(row["fold"], CultureInfo.InvariantCulture);

    private static int Seed(Dictionary<string, string> row) => int.Parse(row["seed"], CultureInfo.InvariantCulture);

    private static double F1(Dictionary<string, string> row) => double.Parse(row["macro_f1"], CultureInfo.InvariantCulture);

    private static double Rise(Dictionary<string, string> row) => double.Parse(row["largest_validation_rise"], CultureInfo.InvariantCulture);

    /// <summary>A rise as the docs write it, three significant digits: ×1.33, ×13.4.</summary>
    private static string Rise(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    /// <summary>
    /// The table of WHAR Arena's protocol against the paper's describes, row by row, the two recipes the harness runs
    /// (<see cref="PaperExperimentOptions.For"/>, over the trainer's defaults) and HAPT's windows.
    /// </summary>
    [TestMethod]
    public void The_protocol_table_describes_the_recipes_the_harness_runs()
    {
        var (whar, paper, trainer) = (PaperExperimentOptions.For(TrainingRecipe.WharArena), PaperExperimentOptions.For(TrainingRecipe.Paper), new TinierHarTrainer.Options());
        void Row(string name, params string[] cells) => Assert.AreEqual(string.Join(" | ", cells), string.Join(" | ", RepositoryDocuments.TableRow(Document, name)), $"the row '{name}'");
        string Optimiser(PaperExperimentOptions o) => $"AdamW, learning rate {RepositoryDocuments.Setting(trainer.LearningRate)}, weight decay {RepositoryDocuments.Setting(o.WeightDecay)}, batches of {o.BatchSize}";
        string Stopping(PaperExperimentOptions o) => $"validation {(o.EarlyStoppingMetric == EarlyStoppingMetric.ValidationMacroF1 ? "macro F1" : "loss")}, patience {o.EarlyStoppingPatience}, best weights restored";
        Assert.AreEqual((LearningRateSchedule.Cosine, LearningRateSchedule.Plateau), (whar.LearningRateSchedule, paper.LearningRateSchedule));
        Assert.AreEqual((ClassWeighting.InverseFrequency, ClassWeighting.None), (whar.ClassWeighting, paper.ClassWeighting));
        var hapt = HarDatasets.Get("hapt");
        var windows = hapt.WindowingOptions();
        string Percent(double fraction) => (100 * fraction).ToString(CultureInfo.InvariantCulture);

        Row("optimiser", Optimiser(whar), Optimiser(paper));
        Row("schedule", $"cosine annealing, at most {whar.MaxEpochs} epochs",
            $"×{RepositoryDocuments.Setting(trainer.LearningRateFactor)} after {trainer.LearningRatePatience} epochs without a better validation loss, at most {paper.MaxEpochs} epochs");
        Row("early stopping", Stopping(whar), Stopping(paper));
        Row("validation", $"{Percent(whar.ValidationSubjectFraction!.Value)} % of the training subjects, whole subjects",
            $"{Percent(paper.ValidationFraction)} % of the training windows, drawn at random, so its subjects also train");
        StringAssert.StartsWith(RepositoryDocuments.TableRow(Document, "windows")[1],
            $"{hapt.WindowSeconds.ToString(CultureInfo.InvariantCulture)} s ({windows.ResolvedWindowLength} samples at {hapt.SamplingRateHz.ToString(CultureInfo.InvariantCulture)} Hz), {Overlap(windows)} % overlap");
        var trainingSubjects = hapt.Subjects.Count - hapt.Folds[0].Count;
        var validating = RepositoryDocuments.Words((int)Math.Round(whar.ValidationSubjectFraction!.Value * trainingSubjects));
        RepositoryDocuments.AssertQuotedIn(Document,
            $"batches of {whar.BatchSize}, weight decay {RepositoryDocuments.Setting(whar.WeightDecay)}, a cosine learning rate over at most {whar.MaxEpochs} epochs, "
                + $"early stopping on validation macro F1 (patience {whar.EarlyStoppingPatience}, the best weights restored)",
            $"so three details are our reading: {validating} of {trainingSubjects} subjects (the fifth rounded)",
            $"Early stopping on the macro F1 of {validating} validation subjects, with a patience of {whar.EarlyStoppingPatience},",
            $"| AdamW, cross-entropy, batches of {paper.BatchSize} with the last partial batch, plateau ×{RepositoryDocuments.Setting(trainer.LearningRateFactor)} "
                + $"after {trainer.LearningRatePatience}, stop after {paper.EarlyStoppingPatience}, best weights restored |",
            $"the validation windows in their shuffled order, {paper.BatchSize} a batch",
            $"HAPT's test folds hold all {hapt.ClassNames.Count}, so no committed number changed");
    }

    /// <summary>
    /// The USC-HAD section says which models' runs are complete, and quotes TinyHAR against TinierHAR on the same runs:
    /// the means, the paired difference, the parameter ratio and the fold hardest for both; and DeepConvLSTM against
    /// TinierHAR on its two runs, with the verdict's 95 % interval as <c>report</c> writes it and the three models' means
    /// on those folds.
    /// </summary>
    [TestMethod]
    public void The_USC_HAD_prose_quotes_the_committed_runs()
    {
        var results = ExperimentResults.Open(Path.Combine(SharedData.RepositoryRoot, "experiments", "usc-had", "results.csv"));
        var rows = results.Rows
            .Where(r => r.Precision == "float32" && r.CancelledBiases == FoldResult.CancelledBiasesName(true)).ToArray();
        FoldResult[] Of(string model) => [.. rows.Where(r => r.Model == model).OrderBy(r => r.Fold).ThenBy(r => r.Seed)];
        var (tinier, tiny) = (Of("tinierhar"), Of("tinyhar"));
        var folds = Enumerable.Range(1, 7).ToArray();
        CollectionAssert.AreEqual(folds.SelectMany(f => new[] { (f, 1), (f, 2) }).ToArray(), tinier.Select(r => (r.Fold, r.Seed)).ToArray(), "the prose: TinierHAR's runs are complete");
        CollectionAssert.AreEqual(folds.Select(f => (f, 1)).ToArray(), tiny.Select(r => (r.Fold, r.Seed)).ToArray(), "the prose: TinyHAR's runs are complete");
        var dcl = Of("deepconvlstm");
        CollectionAssert.AreEqual(new[] { (1, 1), (2, 1) }, dcl.Select(r => (r.Fold, r.Seed)).ToArray(), "the prose: DeepConvLSTM's runs (seed 1 on folds 1 and 2) are complete");
        var dclF1 = dcl.Select(r => r.MacroF1).ToArray();
        var tinierOnDcl = dcl.Select(d => SameRun(tinier, d).MacroF1).ToArray();
        var tinyOnDcl = dcl.Select(d => SameRun(tiny, d).MacroF1).ToArray();
        var (dclVerdict, dclInterval) = Verdict(results, "deepconvlstm");
        Assert.Contains("**No difference shown**", dclVerdict);
        Assert.IsGreaterThan(Math.Max(tinierOnDcl.Average(), tinyOnDcl.Average()), dclF1.Average(), "the prose: DeepConvLSTM's mean is the highest of the three on its folds");

        var tinyF1 = tiny.Select(r => r.MacroF1).ToArray();
        static FoldResult SameRun(FoldResult[] runs, FoldResult run) => runs.Single(r => (r.Fold, r.Seed) == (run.Fold, run.Seed));
        var sameRuns = tiny.Select(t => SameRun(tinier, t)).ToArray();
        var tinierF1 = sameRuns.Select(r => r.MacroF1).ToArray();
        var (hardest, hardestForTinier) = (tiny.MinBy(r => r.MacroF1)!, sameRuns.MinBy(r => r.MacroF1)!);
        Assert.AreEqual(hardest.Fold, hardestForTinier.Fold, "the prose: one fold is the hardest for both");
        var subjects = hardest.TestSubjects.Split(' ');
        string Ratio(FoldResult larger) => ((double)larger.Parameters / tinier[0].Parameters).ToString("0.0", CultureInfo.InvariantCulture);

        var usc = HarDatasets.Get("uschad");
        var uscWindows = usc.WindowingOptions();
        Assert.AreEqual(folds.Length, usc.Folds.Count, "the prose: 7 folds");
        Assert.IsTrue(usc.Folds.All(f => f.Count == 2), "the prose: folds of two test subjects");

        RepositoryDocuments.AssertQuotedIn(Document,
        [
            $"USC-HAD (`../shared/data/usc-had`, {usc.Subjects.Count} subjects, 840 MAT files as published) with the paper's protocol: 7 folds of two test subjects, "
                + $"{usc.WindowSeconds.ToString(CultureInfo.InvariantCulture)} s windows ({uscWindows.ResolvedWindowLength} samples at {usc.SamplingRateHz.ToString(CultureInfo.InvariantCulture)} Hz) "
                + $"with {Overlap(uscWindows)} % overlap",
            "TinierHAR's runs (seeds 1 and 2 on every fold), TinyHAR's (seed 1 on every fold) and DeepConvLSTM's (seed 1 on folds 1 and 2) are complete.",
            $"over its {tiny.Length} runs TinyHAR scores macro F1 {SeedMeans.Format(tinyF1)} against TinierHAR's {SeedMeans.Format(tinierF1)} on the same runs, "
                + $"a paired difference of {SeedMeans.PairedDifference(tinyF1, tinierF1)} (no difference shown), with {Ratio(tiny[0])}x TinierHAR's parameters",
            $"Fold {hardest.Fold} (subjects {Listed(subjects)}) is the hardest for both ({Fixed(hardest.MacroF1)} and {Fixed(hardestForTinier.MacroF1)})",
            $"on its {dcl.Length} runs it scores macro F1 {SeedMeans.Format(dclF1)} against TinierHAR's {SeedMeans.Format(tinierOnDcl)} on the same runs, "
                + $"a paired difference of {SeedMeans.PairedDifference(dclF1, tinierOnDcl)}, with {Ratio(dcl[0])}x TinierHAR's parameters",
            $"(the difference's 95 % interval is ±{dclInterval})",
            $"DeepConvLSTM's mean is the highest of the three (TinyHAR's is {Fixed(tinyOnDcl.Average())}), where WHAR Arena's protocol ranks it last ({WharArena("usc-had", "deepconvlstm").ToString("0.000", CultureInfo.InvariantCulture)})",
        ]);
    }

    /// <summary>
    /// The section on HAPT under WHAR Arena's whole protocol, and the ranking bullet that points to it, quote its
    /// committed TinierHAR runs beside the paper-protocol runs of the same folds and seed: epochs, kept epochs, and on how
    /// many folds macro F1 is lower.
    /// </summary>
    [TestMethod]
    public void The_WHAR_Arena_protocol_prose_quotes_its_runs()
    {
        var whar = ExperimentResults.Open(Path.Combine(Hapt, "whar-arena", "results.csv")).Rows.Where(r => r.Model == "tinierhar").ToArray();
        var paper = ExperimentResults.Open(Path.Combine(Hapt, "results.csv")).Rows;
        var pairs = whar.Select(w => (Whar: w, Paper: paper.Single(p => p.IsRun(w.Dataset, w.Model, w.Fold, w.Seed, w.Precision, w.CancelledBiases)))).ToArray();
        Assert.IsNotEmpty(pairs, "TinierHAR has run under WHAR Arena's protocol");
        string Epochs(IEnumerable<int> epochs) => Range(epochs.Select(e => (decimal)e), 0);
        var lower = $"{pairs.Count(p => p.Whar.MacroF1 < p.Paper.MacroF1)} of the {pairs.Length} folds";

        RepositoryDocuments.AssertQuotedIn(Document,
        [
            $"Under this recipe TinierHAR stops after {Epochs(whar.Select(r => r.Epochs))} epochs and keeps epochs {Epochs(whar.Select(r => r.BestEpoch))}, "
                + $"where the paper's protocol trained the same runs for {Epochs(pairs.Select(p => p.Paper.Epochs))} epochs. Its macro F1 is lower on {lower}",
            $"lower its macro F1 on {lower}.",
        ]);
        var published = WharArena("hapt", "tinierhar");
        RepositoryDocuments.AssertQuotedIn(Document, $"the five-fold mean lies below WHAR Arena's own {published:0.000} for TinierHAR");
        Assert.IsLessThan(published, whar.Average(r => r.MacroF1), "the prose: the five-fold mean lies below WHAR Arena's own figure for TinierHAR");
    }

    /// <summary>
    /// WHAR Arena's figures in the prose are its published ones (<c>experiments/published/whar-arena.csv</c>, from its
    /// own repository), rounded to three decimals, and the rankings the prose reads from them hold.
    /// </summary>
    [TestMethod]
    public void The_WHAR_Arena_figures_are_its_published_ones()
    {
        string F1(string dataset, string model) => WharArena(dataset, model).ToString("0.000", CultureInfo.InvariantCulture);
        RepositoryDocuments.AssertQuotedIn(Document,
        [
            $"reports macro F1 {F1("usc-had", "tinierhar")} (TinierHAR), {F1("usc-had", "tinyhar")} (TinyHAR) and {F1("usc-had", "deepconvlstm")} (DeepConvLSTM) on USC-HAD",
            $"WHAR Arena's protocol ranks TinyHAR first ({F1("usc-had", "tinyhar")} against {F1("usc-had", "tinierhar")})",
            $"reports HAPT macro F1 {F1("hapt", "tinierhar")} (TinierHAR), {F1("hapt", "tinyhar")} (TinyHAR) and {F1("hapt", "deepconvlstm")} (DeepConvLSTM)",
            $"WHAR Arena's {F1("hapt", "tinierhar")} lies between the two means",
            $"How WHAR Arena's code reaches {F1("hapt", "tinierhar")} with the same settings",
            $"WHAR Arena's own figures rank TinierHAR above DeepConvLSTM ({F1("hapt", "tinierhar")} against {F1("hapt", "deepconvlstm")})",
        ]);
        Assert.IsGreaterThan(WharArena("usc-had", "tinierhar"), WharArena("usc-had", "tinyhar"), "on USC-HAD WHAR Arena ranks TinyHAR first");
        Assert.IsGreaterThan(WharArena("hapt", "deepconvlstm"), WharArena("hapt", "tinierhar"), "on HAPT WHAR Arena ranks TinierHAR above DeepConvLSTM");
    }

    /// <summary>WHAR Arena's published macro F1 of a model on a dataset.</summary>
    private static double WharArena(string dataset, string model) => double.Parse(
        CsvRows.Read(Path.Combine(SharedData.RepositoryRoot, "experiments", "published", "whar-arena.csv")).Single(r => r["dataset"] == dataset && r["model"] == model)["macro_f1"],
        CultureInfo.InvariantCulture);

    /// <summary>
    /// The ranking under both protocols: DeepConvLSTM's lead over TinierHAR on each fold where both models have run
    /// under both, as the prose quotes it; the folds where WHAR Arena's protocol turns the ranking, each way; the mean
    /// leads, and the conclusion (no reversal over the folds, neither lead beyond chance) only while the runs and
    /// report's verdicts bear it out.
    /// </summary>
    [TestMethod]
    public void The_ranking_under_both_protocols_is_quoted_from_the_runs()
    {
        var (wharResults, paperResults) = (ExperimentResults.Open(Path.Combine(Hapt, "whar-arena", "results.csv")), ExperimentResults.Open(Path.Combine(Hapt, "results.csv")));
        var (whar, paper) = (wharResults.Rows, paperResults.Rows);
        double? Lead(IReadOnlyList<FoldResult> rows, int fold)
        {
            FoldResult? Of(string model) => rows.SingleOrDefault(r => r.IsRun("hapt", model, fold, 1, "float32", FoldResult.CancelledBiasesName(true)));
            return Of("deepconvlstm") is { } large && Of("tinierhar") is { } small ? large.MacroF1 - small.MacroF1 : null;
        }
        var folds = Enumerable.Range(1, 10).Where(f => Lead(whar, f) is not null && Lead(paper, f) is not null).ToArray();
        Assert.IsNotEmpty(folds, "DeepConvLSTM and TinierHAR have run under both protocols");
        static string Signed(double value) => value.ToString("+0.0000;−0.0000", CultureInfo.InvariantCulture);
        string Leads(IReadOnlyList<FoldResult> rows) => Listed(folds.Select(f => Signed(Lead(rows, f)!.Value)));
        double Mean(IReadOnlyList<FoldResult> rows) => folds.Average(f => Lead(rows, f)!.Value);
        var ahead = folds.Where(f => Lead(whar, f) > 0).ToArray();
        var behind = folds.Where(f => Lead(whar, f) < 0).ToArray();
        var towardsTinierHar = folds.Where(f => Lead(paper, f) > 0 && Lead(whar, f) < 0).ToArray();
        var towardsDeepConvLstm = folds.Where(f => Lead(paper, f) < 0 && Lead(whar, f) > 0).ToArray();
        var turns = (towardsTinierHar.Length > 0, towardsDeepConvLstm.Length > 0) switch
        {
            (true, true) => $"The protocol turns the ranking both ways: on {Folds(towardsTinierHar)} it puts TinierHAR ahead, and on {Folds(towardsDeepConvLstm)} it puts DeepConvLSTM ahead.",
            (true, false) => $"The protocol turns the ranking on {Folds(towardsTinierHar)} only, where it puts TinierHAR ahead.",
            (false, true) => $"The protocol turns the ranking on {Folds(towardsDeepConvLstm)} only, where it puts DeepConvLSTM ahead.",
            (false, false) => "The protocol turns the ranking on none of these folds.",
        };
        // The prose's conclusion holds only while DeepConvLSTM leads on average under both, and report finds neither lead beyond chance.
        Assert.IsTrue(Mean(whar) > 0 && Mean(paper) > 0, "the prose says the protocol does not reverse the ranking over the folds");
        Assert.IsLessThan(Mean(paper), Mean(whar), "the prose says WHAR Arena's protocol narrows DeepConvLSTM's lead");
        foreach (var results in new[] { paperResults, wharResults })
            Assert.Contains("**No difference shown**", Verdict(results, "deepconvlstm").Line);

        var over = $"it does not reverse the ranking over the {Words(folds.Length)} folds";
        RepositoryDocuments.AssertQuotedIn(Document,
            $"DeepConvLSTM has run under this protocol on {Folds(folds)}",
            $"its lead over TinierHAR is {Leads(whar)} under WHAR Arena's protocol, against {Leads(paper)} under the paper's. {turns}",
            $"DeepConvLSTM's mean lead is {Signed(Mean(whar))} under WHAR Arena's protocol against {Signed(Mean(paper))} under the paper's: {over}, and neither lead lies beyond chance",
            $"Under the whole protocol DeepConvLSTM leads it on {Folds(ahead)}{(behind.Length > 0 ? $", and TinierHAR leads on {Folds(behind)}" : "")}: {over}",
            "its protocol, as its file describes it, narrows DeepConvLSTM's lead here but does not give that order");
    }

    private static string Fixed(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>How much consecutive windows overlap, in percent as the docs write it ("50").</summary>
    private static string Overlap(MLNet.Windowing.SensorWindowingOptions windows) =>
        (100 - 100.0 * windows.ResolvedStep / windows.ResolvedWindowLength).ToString(CultureInfo.InvariantCulture);

    private static double Relative(double value, double reference) => Math.Abs(value - reference) / reference;

    /// <summary>A committed trajectory, ours or the authors', read by the experiment harness's own reader.</summary>
    private static EpochReport[] Trajectory(string path) => [.. TrainingTrajectory.Read(path).Epochs];

    private static EpochReport[] AuthorsTrajectory(string precision) =>
        Trajectory(Path.Combine(SharedData.RequireDirectory(Path.Combine("notes", "reference-trajectories")), $"hapt-fold1-seed2-{precision}.csv"));

    private static double BestLoss(EpochReport[] epochs) => epochs.Min(e => e.ValidationLoss);

    private static int FirstDrop(EpochReport[] epochs) => epochs.First(e => e.LearningRate < epochs[0].LearningRate).Epoch;

    /// <summary>The 95 % interval in a verdict line of <c>report</c>.</summary>
    [GeneratedRegex(@"the 95 % interval of the difference is ±([\d.]+) ")]
    private static partial Regex VerdictInterval();

    /// <summary>The test line of the authors' score file.</summary>
    [GeneratedRegex(@"Test macro F1 ([\d.]+)")]
    private static partial Regex AuthorsScore();

    [GeneratedRegex(@"best validation loss ([\d.]+) at epoch (\d+)")]
    private static partial Regex BestOfNote();
}
