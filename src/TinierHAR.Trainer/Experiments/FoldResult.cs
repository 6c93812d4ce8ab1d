namespace TinierHAR.Trainer.Experiments;

/// <summary>One fold of a paper-protocol experiment: what was trained, how long it took and how well it tests.</summary>
public sealed record FoldResult
{
    /// <summary>Dataset key.</summary>
    public required string Dataset { get; init; }

    /// <summary>Architecture key: <c>tinierhar</c>, <c>tinyhar</c> or <c>deepconvlstm</c>.</summary>
    public required string Model { get; init; }

    /// <summary>1-based fold number.</summary>
    public required int Fold { get; init; }

    /// <summary>The fold's test subjects, space-separated (empty for shuffled slices).</summary>
    public required string TestSubjects { get; init; }

    /// <summary>Seed of initialisation, shuffling and the validation split.</summary>
    public required int Seed { get; init; }

    /// <summary>Training windows.</summary>
    public required int TrainWindows { get; init; }

    /// <summary>Validation windows.</summary>
    public required int ValidationWindows { get; init; }

    /// <summary>Test windows.</summary>
    public required int TestWindows { get; init; }

    /// <summary>Epochs run.</summary>
    public required int Epochs { get; init; }

    /// <summary>Epoch with the best validation loss (whose weights were tested).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Wall-clock seconds of the whole fold (loading, windowing, training, testing).</summary>
    public required double Seconds { get; init; }

    /// <summary>Mean seconds per training epoch (training and validation pass).</summary>
    public required double SecondsPerEpoch { get; init; }

    /// <summary>Test accuracy.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Test F1 weighted by class support.</summary>
    public required double WeightedF1 { get; init; }

    /// <summary>Test macro F1.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Trainable parameters.</summary>
    public required long Parameters { get; init; }

    /// <summary>MACs of one window (ptflops convention, the authors' log).</summary>
    public required long Macs { get; init; }
}
