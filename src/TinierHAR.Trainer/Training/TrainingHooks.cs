using Microsoft.ML;

namespace TinierHAR.Trainer.Training;

/// <summary>
/// What a running training reports to and listens to, kept apart from the plain-data
/// <see cref="TinierHarTrainer.Options"/>: attach with <see cref="TinierHarTrainer.WithHooks"/>, as ML.NET attaches
/// <c>WithOnFitDelegate</c> to an estimator.
/// </summary>
public sealed class TrainingHooks
{
    /// <summary>Receives one report per epoch, on the training thread.</summary>
    public IProgress<EpochReport>? Progress { get; init; }

    /// <summary>An MLContext whose <c>Log</c> event receives the run's messages (data, one line per epoch, the result);
    /// ML.NET's catalogs do not hand their context to third-party trainers, so it is named here.</summary>
    public MLContext? Log { get; init; }

    /// <summary>Cancels training between mini-batches.</summary>
    public CancellationToken Cancellation { get; init; }
}
