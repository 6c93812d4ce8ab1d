using System.CommandLine;

namespace TinierHAR.Cli.Tests;

/// <summary>Runs the <c>tinierhar</c> command line in-process, capturing its output, error and exit code.</summary>
internal static class Tool
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = HarCommandLine.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
