using System.Net;

namespace TinierHAR.Cluster.Hosting;

/// <summary>How a scoring silo or client finds the cluster and keeps job state.</summary>
public sealed class ScoringClusterOptions
{
    /// <summary>
    /// A PostgreSQL connection string: ADO.NET clustering and job persistence in that database (its Orleans tables
    /// created by the scripts that <c>Microsoft.Orleans.Clustering.AdoNet</c> and <c>Persistence.AdoNet</c> ship). Null:
    /// localhost clustering, job state in memory.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>This silo's port for silo-to-silo traffic.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>This silo's port for clients.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Localhost clustering: the silo port of the first silo, which the others join.</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>Localhost clustering: the gateway ports a client may connect to.</summary>
    public IReadOnlyList<int> GatewayPorts { get; set; } = [30000];

    /// <summary>The address other silos and clients reach this silo at.</summary>
    public IPAddress AdvertisedAddress { get; set; } = IPAddress.Loopback;

    /// <summary>The cluster's id: silos with the same id form one cluster.</summary>
    public string ClusterId { get; set; } = "tinierhar";

    /// <summary>The service's id: it keys the job state in storage, across cluster restarts.</summary>
    public string ServiceId { get; set; } = "tinierhar-scoring";
}
