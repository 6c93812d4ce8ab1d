using TinierHAR.TestSupport;

namespace TinierHAR.Experiments.Tests.Experiments;

[TestClass]
public sealed class ReferenceComparisonTests
{
    private const string ResultsHeader = "dataset,model,fold,test_subjects,seed,train_windows,validation_windows,test_windows,epochs,best_epoch,seconds,seconds_per_epoch,accuracy,weighted_f1,macro_f1,parameters,macs,precision,cancelled_biases,largest_validation_rise\n";
    private const string ReferenceHeader = "dataset,model,fold,seed,precision,epochs,seconds_per_epoch,accuracy,weighted_f1,macro_f1,note\n";

    private static string Run(int fold, int seed, double macroF1) =>
        $"hapt,tinierhar,{fold},{fold},{seed},90,10,20,50,35,100.0,2.00,0.9000,0.9000,{macroF1:0.0000},7483,697246,float32,zero,1.100\n";

    [TestMethod]
    public void Per_fold_means_are_compared_with_the_pooled_standard_error_and_folds_weigh_alike()
    {
        using var fixture = new FixtureFolder();
        var results = fixture.Write("results.csv", ResultsHeader + Run(1, 1, 0.80) + Run(1, 2, 0.84) + Run(2, 1, 0.70) + Run(2, 2, 0.72) + Run(2, 3, 0.74) + Run(3, 1, 0.9));
        var reference = fixture.Write("reference.csv", ReferenceHeader +
            "hapt,tinierhar,1,1,float64,60,20.0,0.9300,0.9300,0.8600,\"first, with a comma\"\n" +
            "hapt,tinierhar,2,1,float64,60,20.0,0.9000,0.9000,0.7500,second\n" +
            "hapt,tinierhar,2,2,float64,60,20.0,0.9000,0.9000,0.7700,third\n");

        var table = ExperimentResults.Open(results).ToComparisonMarkdown(reference);

        StringAssert.Contains(table, "| hapt | tinierhar | 1 | 1 | float64 | float32 | 0.8000 / 0.8600 | 0.9000 / 0.9300 | 50 / 60 | 2.00 / 20.00 | first, with a comma |", "each reference run beside our run of its seed");
        // Fold 1: ours 0.80, 0.84 (sum of squares 0.0008), theirs 0.86 alone: pooled s² = 0.0008 / 1; s.e. = √(0.0008 · (1/2 + 1)) = 0.0346.
        StringAssert.Contains(table, "| hapt | tinierhar | 1 | float32 | 2 (1,2) | 0.8200 ± 0.0283 | float64 | 1 (1) | 0.8600 | −0.0400 ± 0.0346 |");
        // Fold 2: ours 0.70, 0.72, 0.74 (0.0008), theirs 0.75, 0.77 (0.0002): s² = 0.001 / 3; s.e. = √(s² · (1/3 + 1/2)) = 0.0167.
        StringAssert.Contains(table, "| hapt | tinierhar | 2 | float32 | 3 (1,2,3) | 0.7200 ± 0.0200 | float64 | 2 (1,2) | 0.7600 ± 0.0141 | −0.0400 ± 0.0167 |");
        // Both folds: the mean of the fold means (fold 3 has no reference); s.e. = √(0.0012 + 0.000278) / 2 = 0.0192.
        StringAssert.Contains(table, "| hapt | tinierhar | **1, 2** | float32 | 5 (1,2,3) | 0.7700 | float64 | 3 (1,2) | 0.8100 | −0.0400 ± 0.0192 |");
        Assert.IsFalse(table.Contains("| 3 | float32 |", StringComparison.Ordinal), "a fold without a reference run is not compared");
    }

    [TestMethod]
    public void A_single_run_on_each_side_has_no_standard_error()
    {
        using var fixture = new FixtureFolder();
        var results = fixture.Write("results.csv", ResultsHeader + Run(1, 1, 0.8612));
        var reference = fixture.Write("reference.csv", ReferenceHeader + "hapt,tinierhar,1,1,float64,60,20.0,0.9300,0.9300,0.8600,x\n");

        StringAssert.Contains(ExperimentResults.Open(results).ToComparisonMarkdown(reference), "| 0.8612 | float64 | 1 (1) | 0.8600 | +0.0012 ± ? |");
    }
}
