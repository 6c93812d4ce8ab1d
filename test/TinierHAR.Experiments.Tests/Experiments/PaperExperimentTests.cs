using Microsoft.ML;
using TinierHAR.Datasets.Benchmarks;
using TinierHAR.Datasets.Formats.Mat;
using TinierHAR.TestSupport;

namespace TinierHAR.Experiments.Tests.Experiments;

[TestClass]
public sealed class PaperExperimentTests
{
    [TestMethod]
    public void A_rerun_of_a_HAPT_fold_with_the_same_seed_reproduces_the_same_result()
    {
        var root = SharedData.RequireDirectory("data/uci-har-hapt");
        FoldResult Run() => PaperExperiment.RunFold(new MLContext(1), new HaptDataset(), root, "tinierhar", fold: 1, seed: 1, new PaperExperimentOptions { MaxEpochs = 2 });

        var (first, second) = (Run(), Run());

        Assert.AreEqual((792, 6624, 737), (first.TestWindows, first.TrainWindows, first.ValidationWindows), "fold 1's windows and the authors' split, int(0.9 n) training windows");
        Assert.AreEqual(first with { Seconds = 0, SecondsPerEpoch = 0, LatencyMs = null, History = null }, second with { Seconds = 0, SecondsPerEpoch = 0, LatencyMs = null, History = null }, "same seed, same result (timings aside)");
        CollectionAssert.AreEqual(first.History!.Select(e => (e.TrainLoss, e.ValidationLoss)).ToArray(), second.History!.Select(e => (e.TrainLoss, e.ValidationLoss)).ToArray());
        Assert.IsTrue(first.Accuracy > 0.3, $"two epochs learn something: {first.Accuracy}");
    }

    /// <summary>WHAR Arena's validation: 20 % of HAPT fold 1's 27 training subjects, rounded to 5, none of the test
    /// subjects, drawn by the seed; the recipe's other settings are its protocol file's.</summary>
    [TestMethod]
    public void WHAR_Arenas_recipe_validates_on_a_seeded_fifth_of_the_training_subjects()
    {
        var hapt = new HaptDataset();
        var recipe = PaperExperimentOptions.For(TrainingRecipe.WharArena);
        string[] Drawn(int seed) => PaperExperiment.ValidationSubjects(hapt, hapt.TestSubjects(1), seed, recipe);

        var (first, again, other) = (Drawn(1), Drawn(1), Drawn(2));
        Assert.HasCount(5, first);
        Assert.AreEqual(5, first.Distinct().Count());
        Assert.IsFalse(first.Any(s => hapt.TestSubjects(1).Select(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture)).Contains(s)), "no test subject validates");
        CollectionAssert.AreEqual(first, again, "the same seed draws the same subjects");
        CollectionAssert.AreNotEqual(first, other, "another seed draws others");
        Assert.AreEqual((64, 100, 1e-4, 10), (recipe.BatchSize, recipe.MaxEpochs, recipe.WeightDecay, recipe.EarlyStoppingPatience));
        Assert.AreEqual((Trainer.Training.LearningRateSchedule.Cosine, Trainer.Training.EarlyStoppingMetric.ValidationMacroF1, Trainer.Training.ClassWeighting.InverseFrequency),
            (recipe.LearningRateSchedule, recipe.EarlyStoppingMetric, recipe.ClassWeighting));

        recipe.ValidationWindows = ["1:0"];
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Drawn(1)).Message, "and ValidationWindows both choose the validation windows; set one.");
    }

    [TestMethod]
    public void Skoda_folds_are_shuffled_slices_of_all_windows_the_last_taking_the_remainder()
    {
        using var fixture = new FixtureFolder();
        const int rows = 3 * (132 + 66 * 26); // 27 windows after decimation
        var data = new double[rows, 71];
        var random = new Random(3);
        for (var r = 0; r < rows; r++)
        {
            var label = 48 + r / 600 % 3;
            data[r, 0] = label;
            for (var c = 1; c < 71; c++) data[r, c] = (label - 48) * (c % 4) + random.NextDouble();
        }
        MatFileWriter.Write(Path.Combine(fixture.Root, "right_classall_clean.mat"), [MatArray.FromRows("right_classall_clean", data)]);
        var dataset = new SkodaDataset();
        var options = new PaperExperimentOptions { MaxEpochs = 1 };

        var folds = Enumerable.Range(1, 5).Select(f => PaperExperiment.RunFold(new MLContext(1), dataset, fixture.Root, "tinierhar", f, seed: 1, options)).ToArray();

        CollectionAssert.AreEqual(new[] { 5, 5, 5, 5, 7 }, folds.Select(f => f.TestWindows).ToArray());
        Assert.IsTrue(folds.All(f => f.TrainWindows + f.ValidationWindows + f.TestWindows == 27));
        Assert.IsTrue(folds.All(f => f.TestSubjects == ""));
    }
}
