using Orleans.Placement;
using TinierHAR.Cluster.Jobs;

namespace TinierHAR.Cluster.Grains;

/// <summary>
/// A worker: it keeps no state of its own (the outputs and their marker are the record), scores its file on the thread
/// pool so that the silo's scheduler stays free, and goes away when done.
/// </summary>
[RandomPlacement]
internal sealed class FileScoringGrain(BundleCache bundles) : Grain, IFileScoringGrain
{
    /// <inheritdoc />
    public async Task<FileOutcome> Score(ScoringJobSpec spec, string input)
    {
        var silo = RuntimeIdentity;
        await GrainFactory.GetGrain<IScoringJobGrain>(spec.JobId).Started(input, silo);
        var outcome = await Task.Run(() => FileScoring.Score(bundles, spec, input, silo));
        DeactivateOnIdle();
        return outcome;
    }
}
