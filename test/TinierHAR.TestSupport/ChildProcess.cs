using System.Diagnostics;

namespace TinierHAR.TestSupport;

/// <summary>Runs a program as its own process, as a user would, and returns its exit code and output.</summary>
public static class ChildProcess
{
    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/>; fails the test when it runs over <paramref name="limit"/>.</summary>
    public static (int ExitCode, string Output) Run(string file, string arguments, string workingDirectory, TimeSpan limit)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{file} {arguments}' ran over {limit}.");
        }
        return (process.ExitCode, output.Result + error.Result);
    }
}
