using TinierHAR.Cluster.Jobs;

namespace TinierHAR.Cluster.Grains;

/// <summary>Scores one file of a job; keyed by job and file, placed on a random silo.</summary>
[Alias("tinierhar.file-scoring")]
public interface IFileScoringGrain : IGrainWithStringKey
{
    /// <summary>Scores <paramref name="input"/> (or returns its recorded outcome where it is done).</summary>
    [Alias("score")]
    Task<FileOutcome> Score(ScoringJobSpec spec, string input);
}
