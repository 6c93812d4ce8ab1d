namespace TinierHAR.Trainer.Training;

/// <summary>The epochs of one training run and which one's weights the model carries.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochReport> epochs = new();

    /// <summary>Every epoch, in order.</summary>
    public IReadOnlyList<EpochReport> Epochs => epochs;

    /// <summary>The epoch whose weights were restored (the best validation loss; the last one among equals).</summary>
    public EpochReport? BestEpoch => epochs.LastOrDefault(e => e.IsBest);

    /// <summary>Whether early stopping ended the run before the epoch limit.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>Windows the network trained on.</summary>
    public int TrainWindows { get; internal set; }

    /// <summary>Windows that drove the schedule (validation).</summary>
    public int ValidationWindows { get; internal set; }

    internal void Add(EpochReport report) => epochs.Add(report);
}
