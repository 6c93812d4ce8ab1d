namespace TinierHAR.Cluster.Jobs;

/// <summary>A job as its grain keeps it (and persists it): the spec and every file's state.</summary>
[GenerateSerializer, Alias("tinierhar.scoring-job-status")]
public sealed class ScoringJobStatus
{
    /// <summary>The job, or null before it is submitted.</summary>
    [Id(0)] public ScoringJobSpec? Spec { get; set; }

    /// <summary>Its files, in the spec's order.</summary>
    [Id(1)] public List<JobFile> Files { get; set; } = [];

    /// <summary>When the job was first submitted (UTC).</summary>
    [Id(2)] public DateTime SubmittedUtc { get; set; }

    /// <summary>
    /// Files whose done state the job's storage holds: <see cref="Done"/> as of the last completed write (what a restart
    /// of every silo resumes from).
    /// </summary>
    [Id(3)] public int DoneStored { get; set; }

    /// <summary>Times the job's state was lost with a silo and taken back from the client's last copy.</summary>
    [Id(4)] public int Restorations { get; set; }

    /// <summary>Files whose outputs are written.</summary>
    public int Done => Files.Count(f => f.State == FileState.Done);

    /// <summary>Files that cannot be scored.</summary>
    public int Failed => Files.Count(f => f.State == FileState.Failed);

    /// <summary>Whether every file is done or failed.</summary>
    public bool Completed => Spec is not null && Files.All(f => f.State is FileState.Done or FileState.Failed);

    /// <summary>Rows read by the files scored so far.</summary>
    public long RowsRead => Files.Sum(f => f.State == FileState.Done ? f.Outcome!.RowsRead : 0);
}
