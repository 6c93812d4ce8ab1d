namespace TinierHAR.Trainer.Training;

/// <summary>
/// Hands each epoch's report to a delegate on the training thread, as it happens (for <see cref="TrainingHooks.Progress"/>):
/// <see cref="System.Progress{T}"/> posts to the captured context or the thread pool instead, where a console
/// application's reports may arrive after training has ended.
/// </summary>
/// <param name="onEpoch">Called once per epoch, in order.</param>
public sealed class EpochCallback(Action<EpochReport> onEpoch) : IProgress<EpochReport>
{
    /// <inheritdoc />
    public void Report(EpochReport value) => onEpoch(value);
}
