namespace TinierHAR.Cluster.Jobs;

/// <summary>One input file of a job: its state, its attempts and, once scored, its outcome.</summary>
[GenerateSerializer, Alias("tinierhar.job-file")]
public sealed class JobFile
{
    /// <summary>The input path.</summary>
    [Id(0)] public required string Input { get; init; }

    /// <summary>Where it stands.</summary>
    [Id(1)] public FileState State { get; set; }

    /// <summary>Times a worker was given it.</summary>
    [Id(2)] public int Attempts { get; set; }

    /// <summary>What scoring it gave (done or failed).</summary>
    [Id(3)] public FileOutcome? Outcome { get; set; }

    /// <summary>The silo whose worker holds the current attempt, once that worker has started (null until then).</summary>
    [Id(4)] public string? Silo { get; set; }
}
