using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TinierHAR.Cluster.Hosting;

namespace TinierHAR.Cli;

/// <summary><c>silo</c>: one silo of the scoring cluster, until stopped (Ctrl+C or SIGTERM).</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var defaults = new ScoringClusterOptions();
        var port = new Option<int>("--port") { Description = "This silo's port for other silos", DefaultValueFactory = _ => defaults.SiloPort };
        var gateway = new Option<int>("--gateway") { Description = "This silo's port for clients (score --cluster)", DefaultValueFactory = _ => defaults.GatewayPort };
        var primary = new Option<int>("--primary") { Description = "Localhost clustering: the port of the first silo, which the others join", DefaultValueFactory = _ => defaults.PrimarySiloPort };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string: ADO.NET clustering and job persistence in that database (which must hold the Orleans ADO.NET tables for PostgreSQL) instead of localhost clustering and memory" };
        var command = new Command("silo", "Run a silo of the scoring cluster: it scores the files of jobs that score --cluster submits.") { port, gateway, primary, postgres };
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var options = new ScoringClusterOptions
            {
                SiloPort = parse.GetValue(port),
                GatewayPort = parse.GetValue(gateway),
                PrimarySiloPort = parse.GetValue(primary),
                PostgresConnectionString = parse.GetValue(postgres),
            };
            using var host = Host.CreateDefaultBuilder()
                // Our warnings (a file whose worker did not come back) and errors, and Orleans's membership changes (a
                // peer declared dead). Not the rest of Orleans: after a peer's SIGKILL it logs each directory entry and
                // routing-table push that failed, with stack traces, for what its membership already handles.
                .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning)
                    .AddFilter("Orleans", LogLevel.Critical)
                    .AddFilter("Orleans.Runtime.MembershipService", LogLevel.Warning))
                .UseOrleans(silo => silo.AddTinierHarScoring(options))
                .Build();
            host.Start();
            console.WriteLine($"silo ready: pid {Environment.ProcessId}, port {options.SiloPort}, gateway {options.GatewayPort}, {(options.PostgresConnectionString is null ? $"localhost clustering (primary {options.PrimarySiloPort}), jobs in memory" : "PostgreSQL clustering and jobs")}");
            host.WaitForShutdown();
            return 0;
        }));
        return command;
    }
}
