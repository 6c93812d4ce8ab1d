using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TinierHAR.Service.Hosting;

/// <summary>Healthy while a bundle is served; degraded (still serving the previous one) when the file changed and could not be loaded.</summary>
internal sealed class BundleHealthCheck(BundleHolder models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var loaded = models.Current;
        var data = new Dictionary<string, object> { ["sha256"] = loaded.Sha256, ["version"] = loaded.Version };
        return Task.FromResult(models.LastReloadError is { } error
            ? HealthCheckResult.Degraded($"Serving version {loaded.Version}; the changed bundle file cannot be loaded: {error}", data: data)
            : HealthCheckResult.Healthy($"Serving version {loaded.Version}", data));
    }
}
