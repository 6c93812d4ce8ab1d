using Microsoft.AspNetCore.Http.Timeouts;
using OpenTelemetry.Metrics;

namespace TinierHAR.Service.Hosting;

/// <summary>Registers the scoring service: the served bundle, authentication, limits, problem documents, health, OpenAPI and metrics.</summary>
public static class HarScoringServiceCollectionExtensions
{
    /// <summary>The request-timeout policy of the scoring endpoint.</summary>
    public const string ScoringTimeoutPolicy = "scoring";

    /// <summary>Adds what <see cref="HarScoringEndpoints.MapHarScoring"/> and <see cref="HarScoringEndpoints.UseHarScoring"/> need.</summary>
    public static IServiceCollection AddHarScoring(this IServiceCollection services, HarScoringServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<BundleHolder>();
        services.AddSingleton<ScoringMetrics>();
        services.AddProblemDetails();
        services.AddExceptionHandler<InputErrorHandler>();
        services.AddRequestTimeouts(timeouts => timeouts.AddPolicy(ScoringTimeoutPolicy, new RequestTimeoutPolicy
        {
            Timeout = options.RequestTimeout,
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = context => Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Request timed out",
                detail: "The request ran over the service's time limit (--request-timeout-s).").ExecuteAsync(context),
        }));
        if (options.ApiKey is { } key)
        {
            services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
                .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, o => o.Key = key);
        }
        else
        {
            services.AddAuthentication();
        }
        services.AddAuthorization();
        services.AddHealthChecks().AddCheck<BundleHealthCheck>("bundle", tags: ["ready"]);
        services.AddOpenApi();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ScoringMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return services;
    }
}
