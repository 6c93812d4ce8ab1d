namespace TinierHAR.Cluster.Jobs;

/// <summary>Where one input file of a job stands.</summary>
[GenerateSerializer, Alias("tinierhar.file-state")]
public enum FileState
{
    /// <summary>Waiting for a worker (also after its worker's silo died).</summary>
    Pending,

    /// <summary>A worker is scoring it.</summary>
    Running,

    /// <summary>Its outputs are written.</summary>
    Done,

    /// <summary>It cannot be scored (its error says why); the other files go on.</summary>
    Failed,
}
