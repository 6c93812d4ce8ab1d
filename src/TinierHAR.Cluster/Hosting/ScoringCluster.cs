using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using TinierHAR.Cluster.Jobs;

namespace TinierHAR.Cluster.Hosting;

/// <summary>Configures Orleans silos and clients for batch scoring.</summary>
public static class ScoringCluster
{
    /// <summary>The grain storage of the job grains.</summary>
    public const string JobStorageName = "tinierhar-jobs";

    /// <summary>The ADO.NET provider name of PostgreSQL.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>How long the client waits for the answer to one call before it retries the call.</summary>
    internal static readonly TimeSpan ClientResponseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A silo of the scoring cluster: clustering, job storage, timeouts and the bundle cache.</summary>
    public static ISiloBuilder AddTinierHarScoring(this ISiloBuilder silo, ScoringClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        if (options.PostgresConnectionString is { } connection)
        {
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, connection));
            silo.AddAdoNetGrainStorage(JobStorageName, o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, connection));
            silo.ConfigureEndpoints(options.AdvertisedAddress, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        }
        else
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, new IPEndPoint(IPAddress.Loopback, options.PrimarySiloPort),
                options.ServiceId, options.ClusterId);
            silo.AddMemoryGrainStorage(JobStorageName);
        }
        return silo.AddTinierHarScoringServices();
    }

    /// <summary>
    /// What every scoring silo needs whatever its clustering (a test cluster brings its own): the bundle cache, the
    /// response timeout of a file's scoring, and a failure detector tuned for small clusters.
    /// </summary>
    public static ISiloBuilder AddTinierHarScoringServices(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<BundleCache>();
        // A worker's call lasts as long as its file: an hour of log scores in well under a minute, a day in minutes.
        silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromHours(2));
        // Declare a killed silo dead within seconds (the defaults take about a minute), so that its files move on.
        // A silo that has not written its liveness row for 10 s is stale: it no longer counts among the voters a
        // death needs, and silos still joining watch it. When every active silo was killed, the joining ones are the
        // only ones left to declare them dead, and they watch only those gone stale.
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            o.NumMissedTableIAmAliveLimit = 2;
        });
        return silo;
    }

    /// <summary>A client of the scoring cluster.</summary>
    public static IClientBuilder AddTinierHarScoring(this IClientBuilder client, ScoringClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        // Find the gateways of silos that replace lost ones within seconds (the default looks once a minute).
        client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
        // The client's calls (submit, status, restore) answer in well under a second. One in flight to a silo that dies
        // gets no answer at all: Orleans's client does not fail it when the silo is declared dead, only when it times
        // out, and its default of 30 s stalls the job that long when the killed silo held the job. The call is retried.
        client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ClientResponseTimeout);
        if (options.PostgresConnectionString is { } connection)
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, connection));
        else
            client.UseLocalhostClustering(options.GatewayPorts.ToArray(), options.ServiceId, options.ClusterId);
        return client;
    }
}
