using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>The processes of a scoring cluster on this machine: <c>tinierhar silo</c>s, the tool as a client, and a PostgreSQL database.</summary>
internal static class ClusterProcesses
{
    private static readonly string ToolPath = Path.Combine(AppContext.BaseDirectory, "tinierhar.dll");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A <c>tinierhar silo</c> process, started and ready; disposing it kills it (SIGKILL).</summary>
    public static ToolProcess Silo(int port, int gateway, int primary, string? postgres = null)
    {
        var cluster = postgres is null ? $"--primary {primary}" : $"--postgres \"{postgres}\"";
        var silo = ToolProcess.Start($"silo --port {port} --gateway {gateway} {cluster}", ready: "silo ready");
        silo.WaitUntilReady(TimeSpan.FromSeconds(60));
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
    public sealed class ToolProcess : IDisposable
    {
        private readonly Process process;
        private readonly string? readyLine;
        private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<string> lines = [];

        private ToolProcess(Process process, string? readyLine)
        {
            this.process = process;
            this.readyLine = readyLine;
            process.OutputDataReceived += (_, e) => Record(e.Data);
            process.ErrorDataReceived += (_, e) => Record(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        /// <summary>Starts <c>tinierhar <paramref name="arguments"/></c>; <paramref name="ready"/> is the line that says it is ready.</summary>
        public static ToolProcess Start(string arguments, string? ready = null) =>
            new(Process.Start(new ProcessStartInfo("dotnet", $"\"{ToolPath}\" {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true })!, ready);

        public int Id => process.Id;

        /// <summary>What it printed so far, both streams, one entry a line.</summary>
        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (lines) return [.. lines];
            }
        }

        private void Record(string? line)
        {
            if (line is null) return;
            lock (lines) lines.Add(line);
            if (readyLine is not null && line.StartsWith(readyLine, StringComparison.Ordinal)) ready.TrySetResult();
        }

        public void WaitUntilReady(TimeSpan limit)
        {
            if (!ready.Task.Wait(limit))
            {
                Kill();
                Assert.Fail($"'{readyLine}' did not come: {string.Join('\n', Lines)}");
            }
        }

        /// <summary>Waits for it to end; its exit code, or null when it did not end in time.</summary>
        public int? WaitForExit(TimeSpan limit)
        {
            if (!process.WaitForExit(limit)) return null;
            process.WaitForExit(); // the output read to its end
            return process.ExitCode;
        }

        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Kill();
            process.Dispose();
        }
    }
}
