using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TinierHAR.TestSupport;

/// <summary>
/// A child process whose output (both streams) is kept line by line as it comes, so that a test can wait for a line or
/// act on what it says while the process runs; disposing it kills the process and its children (SIGKILL).
/// </summary>
public sealed class RecordedProcess : IDisposable
{
    private readonly Process process;
    private readonly string? readyLine;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> lines = [];

    private RecordedProcess(Process process, string? readyLine)
    {
        this.process = process;
        this.readyLine = readyLine;
        process.OutputDataReceived += (_, e) => Record(e.Data);
        process.ErrorDataReceived += (_, e) => Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/>; <paramref name="readyLine"/> starts the line that says it is ready.</summary>
    public static RecordedProcess Start(string file, string arguments, string? workingDirectory = null, string? readyLine = null) =>
        new(Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        })!, readyLine);

    /// <summary>A TCP port free on the loopback interface now.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>What it printed so far, both streams, one entry a line.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines) return [.. lines];
        }
    }

    /// <summary>Waits for the ready line; kills the process and fails the test when it does not come in time.</summary>
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

    private void Record(string? line)
    {
        if (line is null) return;
        lock (lines) lines.Add(line);
        if (readyLine is not null && line.StartsWith(readyLine, StringComparison.Ordinal)) ready.TrySetResult();
    }
}
