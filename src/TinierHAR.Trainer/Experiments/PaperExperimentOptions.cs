using TinierHAR.Trainer.Training;

namespace TinierHAR.Trainer.Experiments;

/// <summary>Options of one fold of <see cref="PaperExperiment"/>; the defaults are the paper's protocol.</summary>
public sealed class PaperExperimentOptions
{
    /// <summary>Most epochs. Paper: 150.</summary>
    public int MaxEpochs { get; set; } = 150;

    /// <summary>Windows per mini-batch. Paper: 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Fraction of the training subjects' windows held out at random for validation. Paper: 0.1.</summary>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>Receives one report per epoch.</summary>
    public IProgress<EpochReport>? Progress { get; set; }

    /// <summary>Cancels between mini-batches.</summary>
    public CancellationToken Cancellation { get; set; }
}
