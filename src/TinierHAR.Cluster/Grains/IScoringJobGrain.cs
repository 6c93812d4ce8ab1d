using TinierHAR.Cluster.Jobs;

namespace TinierHAR.Cluster.Grains;

/// <summary>A scoring job, keyed by its id: it owns the job's files and their states, and hands the files to workers.</summary>
[Alias("tinierhar.scoring-job")]
public interface IScoringJobGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the job, or reattaches to it where it exists with the same spec: its done files are skipped, while failed
    /// files and done files whose outputs are gone are scored again.
    /// </summary>
    [Alias("submit")]
    Task<ScoringJobStatus> Submit(ScoringJobSpec spec);

    /// <summary>
    /// Takes back a job whose state was lost with a silo (memory storage) from the client's last copy of it, so that
    /// every file keeps its attempts and outcome and a file that was in flight goes out as its next attempt. A grain that
    /// holds the job already answers with its own state.
    /// </summary>
    [Alias("restore")]
    Task<ScoringJobStatus> Restore(ScoringJobStatus last);

    /// <summary>Where the job stands.</summary>
    [Alias("status")]
    Task<ScoringJobStatus> Status();

    /// <summary>A worker on <paramref name="silo"/> has started on <paramref name="input"/> (the file's current attempt).</summary>
    [Alias("started")]
    Task Started(string input, string silo);
}
