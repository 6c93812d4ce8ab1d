using System.Globalization;
using System.Net;

namespace TinierHAR.Service.Hosting;

/// <summary>
/// The service's settings, from its command line (<c>--bundle</c>, <c>--api-key</c>, <c>--urls</c>,
/// <c>--max-body-mb</c>, <c>--request-timeout-s</c>) or any other configuration source.
/// </summary>
public sealed class HarScoringServiceOptions
{
    /// <summary>The largest request body without <c>--max-body-mb</c>, in MiB.</summary>
    public const int DefaultMaxBodyMegabytes = 256;

    /// <summary>How long one request may take without <c>--request-timeout-s</c>, in seconds.</summary>
    public const int DefaultRequestTimeoutSeconds = 300;

    /// <summary>The model bundle (.zip) to serve; reloaded when the file changes.</summary>
    public required string BundlePath { get; init; }

    /// <summary>The key every /v1 request must send as <c>X-API-Key</c>; null: no key, and loopback addresses only.</summary>
    public string? ApiKey { get; init; }

    /// <summary>The addresses the service listens on.</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://localhost:5000"];

    /// <summary>The largest request body (a log) accepted, in bytes.</summary>
    public long MaxRequestBytes { get; init; } = (long)DefaultMaxBodyMegabytes << 20;

    /// <summary>How long one request may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(DefaultRequestTimeoutSeconds);

    /// <summary>Reads and checks the settings; an error names the flag.</summary>
    public static HarScoringServiceOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var bundle = configuration["bundle"] is { Length: > 0 } path ? Path.GetFullPath(path) : throw new ArgumentException("--bundle PATH is required: the model bundle (.zip) to serve.");
        if (!File.Exists(bundle))
            throw new ArgumentException($"--bundle: '{bundle}' does not exist.");
        var urls = (configuration["urls"] ?? "http://localhost:5000").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var key = configuration["api-key"] is { Length: > 0 } k ? k : null;
        if (key is null && urls.FirstOrDefault(u => !IsLoopback(u)) is { } open)
            throw new ArgumentException($"--urls: {open} is not a loopback address; without --api-key the service listens on loopback only (127.0.0.1, [::1], localhost).");
        return new HarScoringServiceOptions
        {
            BundlePath = bundle,
            ApiKey = key,
            Urls = urls,
            MaxRequestBytes = (long)(Positive(configuration, "max-body-mb", DefaultMaxBodyMegabytes) * (1 << 20)),
            RequestTimeout = TimeSpan.FromSeconds(Positive(configuration, "request-timeout-s", DefaultRequestTimeoutSeconds)),
        };
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://any", StringComparison.Ordinal).Replace("://+", "://any", StringComparison.Ordinal), UriKind.Absolute, out var uri))
            throw new ArgumentException($"--urls: '{url}' is not a URL.");
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    private static double Positive(IConfiguration configuration, string name, double fallback)
    {
        if (configuration[name] is not { } text)
            return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name}: a positive number (got '{text}').");
    }
}
