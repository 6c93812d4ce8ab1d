using System.Globalization;
using System.Net;
using TinierHAR.TestSupport;

namespace TinierHAR.Service.Tests;

/// <summary>
/// The built service in a process of its own, as <c>dotnet run --project samples/TinierHAR.Service -- --bundle PATH
/// --urls http://127.0.0.1:PORT</c> starts it, on a free loopback port; disposing it kills it.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly RecordedProcess process;

    private ServiceProcess(RecordedProcess process, Uri address)
    {
        this.process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>The service's build output (the configuration these tests were built in).</summary>
    public static string Assembly { get; } = Path.Combine(SharedData.RepositoryRoot, "samples", "TinierHAR.Service", "bin",
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug",
        "net10.0", "TinierHAR.Service.dll");

    public Uri Address { get; }

    public HttpClient Client { get; }

    public int Id => process.Id;

    /// <summary>What it printed so far.</summary>
    public IReadOnlyList<string> Lines => process.Lines;

    /// <summary>Starts the service with <paramref name="arguments"/> after <c>--bundle</c> and waits for <c>/healthz</c>.</summary>
    public static ServiceProcess Start(string bundle, string arguments = "")
    {
        var port = RecordedProcess.FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var service = new ServiceProcess(Launch($"--bundle \"{bundle}\" --urls {address.ToString().TrimEnd('/')} {arguments}"), address);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (service.process.HasExited)
                Assert.Fail($"The service exited with {service.process.ExitCode}:\n{string.Join('\n', service.Lines)}");
            try
            {
                if (service.Client.GetAsync(new Uri("healthz", UriKind.Relative)).Result.StatusCode == HttpStatusCode.OK)
                    return service;
            }
            catch (AggregateException e) when (e.InnerException is HttpRequestException)
            {
            }
            Thread.Sleep(100);
        }
        service.Dispose();
        throw new AssertFailedException("The service did not answer /healthz within 60 s.");
    }

    /// <summary>Runs the service to its exit (for a start it must refuse): exit code and output.</summary>
    public static (int ExitCode, string Output) RunToExit(string arguments) =>
        ChildProcess.Run("dotnet", $"\"{Assembly}\" {arguments}", SharedData.RepositoryRoot, TimeSpan.FromMinutes(1));

    /// <summary>The process's resident memory now, in MB (Linux).</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public void Dispose()
    {
        Client.Dispose();
        process.Dispose();
    }

    private static RecordedProcess Launch(string arguments) => RecordedProcess.Start("dotnet", $"\"{Assembly}\" {arguments}", SharedData.RepositoryRoot);
}
