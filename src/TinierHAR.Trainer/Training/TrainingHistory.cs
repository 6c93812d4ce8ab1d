namespace TinierHAR.Trainer.Training;

/// <summary>The epochs of one training run and which one's weights the model carries.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> epochs = new();

    /// <summary>Every epoch, in order.</summary>
    public IReadOnlyList<EpochReport> Epochs => epochs;

    /// <summary>The epoch whose weights were restored: the last of the lowest validation loss, or with
    /// <see cref="EarlyStoppingMetric.ValidationMacroF1"/> the first of the highest validation macro F1.</summary>
    public EpochReport? BestEpoch => epochs.LastOrDefault(e => e.IsBest);

    /// <summary>Whether early stopping ended the run before the epoch limit.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>The first epochs, restored from <see cref="TinierHarTrainer.Options.ResumeFile"/> rather than run by this
    /// training (0 when it started afresh); their reports keep the seconds they took when they ran.</summary>
    public int ResumedEpochs { get; internal set; }

    /// <summary>Windows the network trained on.</summary>
    public int TrainWindows { get; internal set; }

    /// <summary>Windows that drove the schedule (validation).</summary>
    public int ValidationWindows { get; internal set; }

    /// <summary>The largest rise of the validation loss from one epoch to the next, as a ratio (1 when it never rises).</summary>
    public double LargestValidationRise => LargestRise(epochs);

    /// <summary>The largest ratio of one epoch's validation loss to the previous epoch's (1 when it never rises).</summary>
    public static double LargestRise(IReadOnlyList<EpochReport> epochs) =>
        epochs.Zip(epochs.Skip(1), (a, b) => b.ValidationLoss / a.ValidationLoss).Append(1).Max();

    internal void Add(EpochReport report) => epochs.Add(report);
}
