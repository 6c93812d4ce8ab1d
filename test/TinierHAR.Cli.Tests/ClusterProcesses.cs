using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>The processes of a scoring cluster on this machine: <c>tinierhar silo</c>s, the tool as a client, and a PostgreSQL database.</summary>
internal static class ClusterProcesses
{
    private static readonly string ToolPath = Path.Combine(AppContext.BaseDirectory, "tinierhar.dll");

    /// <summary>
    /// How long a silo may take to become ready. Usually 7 s; a silo that joins while every active peer is dead waits
    /// until they are declared dead (over a minute in one CI run), and Orleans allows a join five minutes.
    /// </summary>
    public static readonly TimeSpan SiloReadyLimit = TimeSpan.FromMinutes(3);

    public static int FreePort() => RecordedProcess.FreeLoopbackPort();

    /// <summary>A <c>tinierhar silo</c> process, started and ready; disposing it kills it (SIGKILL).</summary>
    public static RecordedProcess Silo(int port, int gateway, int primary, string? postgres = null)
    {
        var cluster = postgres is null ? $"--primary {primary}" : $"--postgres \"{postgres}\"";
        var silo = Tool($"silo --port {port} --gateway {gateway} {cluster}", ready: "silo ready");
        silo.WaitUntilReady(SiloReadyLimit);
        // The ready line names the process to signal: the silo itself, not a launcher in front of it.
        Assert.IsTrue(silo.Lines.Any(l => l.StartsWith($"silo ready: pid {silo.Id},", StringComparison.Ordinal)), string.Join('\n', silo.Lines));
        return silo;
    }

    /// <summary>
    /// A fresh database in Debian's PostgreSQL, installed where missing and started by the project's own script
    /// (eng/postgres.sh); its connection string. Inconclusive where the script cannot run (it installs as root; CI is root).
    /// </summary>
    public static string CreateDatabase(string database)
    {
        var (exitCode, output) = ChildProcess.Run("bash", $"{Script} {database}", SharedData.RepositoryRoot, TimeSpan.FromMinutes(5));
        if (exitCode != 0 && Environment.UserName != "root")
            Assert.Inconclusive($"Skipped: eng/postgres.sh installs and starts PostgreSQL as root (CI runs as root); here it said: {output}");
        Assert.AreEqual(0, exitCode, $"eng/postgres.sh: {output}");
        return output.Trim().Split('\n')[^1];
    }

    public static void DropDatabase(string database) =>
        ChildProcess.Run("bash", $"{Script} --drop {database}", SharedData.RepositoryRoot, TimeSpan.FromMinutes(1));

    private static string Script => $"\"{Path.Combine(SharedData.RepositoryRoot, "eng", "postgres.sh")}\"";

    /// <summary>The tool in a process of its own, its output kept; disposing it kills it (SIGKILL).</summary>
    public static RecordedProcess Tool(string arguments, string? ready = null) =>
        RecordedProcess.Start("dotnet", $"\"{ToolPath}\" {arguments}", readyLine: ready);
}
