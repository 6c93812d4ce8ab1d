using TinierHAR.Trainer.Training;

namespace TinierHAR.Cli;

/// <summary>Reports epochs synchronously on the training thread (System.Progress would post to the thread pool, after training may have ended).</summary>
internal sealed class EpochProgress(Action<EpochReport> report) : IProgress<EpochReport>
{
    public void Report(EpochReport value) => report(value);
}
