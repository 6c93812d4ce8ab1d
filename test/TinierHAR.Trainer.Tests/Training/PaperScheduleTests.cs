using TinierHAR.Trainer.Training;

namespace TinierHAR.Trainer.Tests.Training;

[TestClass]
public sealed class PaperScheduleTests
{
    [TestMethod]
    public void First_epoch_counts_toward_the_rate_drop_and_is_kept()
    {
        var schedule = new PaperSchedule(learningRatePatience: 2, earlyStoppingPatience: 10);
        var first = schedule.Observe(1.0);
        Assert.IsTrue(first.KeepWeights);
        Assert.IsFalse(first.ReduceLearningRate);
        // Counter: epoch 1 (no earlier best) = 1, epoch 2 (equal, not strictly better) = 2 → drop.
        Assert.IsTrue(schedule.Observe(1.0).ReduceLearningRate);
    }

    [TestMethod]
    public void Equal_loss_keeps_weights_but_does_not_reset_the_rate_counter()
    {
        var schedule = new PaperSchedule(learningRatePatience: 3, earlyStoppingPatience: 2);
        schedule.Observe(0.5);             // rate counter 1, kept
        var equal = schedule.Observe(0.5); // rate counter 2, kept (equal counts for early stopping)
        Assert.IsTrue(equal.KeepWeights);
        Assert.IsFalse(equal.ReduceLearningRate);
        Assert.IsTrue(schedule.Observe(0.5).ReduceLearningRate); // counter 3 → drop, reset
        Assert.IsFalse(schedule.Observe(0.6).Stop);             // early-stop counter 1
        Assert.IsTrue(schedule.Observe(0.7).Stop);              // early-stop counter 2 = patience
    }

    [TestMethod]
    public void A_strict_improvement_resets_both_counters()
    {
        var schedule = new PaperSchedule(learningRatePatience: 2, earlyStoppingPatience: 2);
        schedule.Observe(1.0);
        schedule.Observe(1.1);
        var better = schedule.Observe(0.9);
        Assert.IsTrue(better.KeepWeights);
        Assert.IsFalse(better.ReduceLearningRate);
        Assert.IsFalse(schedule.Observe(1.0).Stop);
        Assert.IsTrue(schedule.Observe(1.0).ReduceLearningRate);
    }

    [TestMethod]
    public void Stopping_on_macro_F1_keeps_only_a_strictly_higher_F1_whatever_the_loss()
    {
        var schedule = new PaperSchedule(learningRatePatience: 100, earlyStoppingPatience: 2, EarlyStoppingMetric.ValidationMacroF1);
        Assert.IsTrue(schedule.Observe(1.0, 0.50).KeepWeights);
        var lowerLossLowerF1 = schedule.Observe(0.5, 0.40);
        Assert.IsFalse(lowerLossLowerF1.KeepWeights, "a lower loss does not count");
        var higherLossHigherF1 = schedule.Observe(2.0, 0.60);
        Assert.IsTrue(higherLossHigherF1.KeepWeights, "a higher F1 counts whatever the loss");
        var equal = schedule.Observe(0.1, 0.60);
        Assert.IsFalse(equal.KeepWeights || equal.Stop, "an equal F1 is no improvement: stopping counter 1");
        Assert.IsTrue(schedule.Observe(0.1, 0.59).Stop, "stopping counter 2 = patience");
        Assert.ThrowsExactly<ArgumentException>(() => new PaperSchedule(stoppingMetric: EarlyStoppingMetric.ValidationMacroF1).Observe(1.0));
    }
}
