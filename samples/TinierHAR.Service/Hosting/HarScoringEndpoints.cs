using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.ML;
using TinierHAR.MLNet;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Service.Hosting;

/// <summary>The scoring service's middleware and endpoints.</summary>
public static class HarScoringEndpoints
{
    /// <summary>The response header naming the SHA-256 of the bundle that scored the request.</summary>
    public const string ModelHeader = "X-Model-Sha256";

    /// <summary>Loads the bundle (a bad one stops the start), then errors, time limits, authentication and the page.</summary>
    public static WebApplication UseHarScoring(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Services.GetRequiredService<BundleHolder>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRequestTimeouts();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// <c>GET /healthz</c>, <c>GET /readyz</c>, <c>GET /metrics</c>, <c>GET /openapi/v1.json</c>, and under /v1 (behind the
    /// API key where one is set): <c>GET /v1/model</c>, <c>POST /v1/model/reload</c> and <c>POST /v1/score</c>.
    /// </summary>
    public static WebApplication MapHarScoring(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz");
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes = { [HealthStatus.Healthy] = 200, [HealthStatus.Degraded] = 503, [HealthStatus.Unhealthy] = 503 },
        });
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOpenApi();

        var v1 = app.MapGroup("/v1");
        if (app.Services.GetRequiredService<HarScoringServiceOptions>().ApiKey is not null)
            v1.RequireAuthorization();
        v1.MapGet("/model", (BundleHolder models) => ModelInfo.Of(models.Current))
            .WithName("GetModel").WithSummary("The model being served: classes, channels, units, rate, window, step and the bundle's SHA-256.");
        v1.MapPost("/model/reload", (BundleHolder models) => ModelInfo.Of(models.Reload()))
            .WithName("ReloadModel").WithSummary("Loads the bundle file again and serves it from now on; requests under way finish with the model they started with.")
            .ProducesProblem(400);
        v1.MapPost("/score", Score)
            .WithName("Score").WithSummary("Scores a CSV sensor log (the request body, text/csv): per-window predictions, activity segments and the row accounting.")
            .Accepts<string>("text/csv")
            .Produces<ScoreResponse>(contentType: "application/json")
            .ProducesProblem(400).ProducesProblem(413).ProducesProblem(415)
            .WithRequestTimeout(HarScoringServiceCollectionExtensions.ScoringTimeoutPolicy);
        return app;
    }

    private static async Task<IResult> Score(HttpContext context, BundleHolder models, ScoringMetrics metrics)
    {
        var clock = Stopwatch.StartNew();
        var request = context.Request;
        var type = request.ContentType ?? "";
        if (!type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) && !type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase))
            return Results.Problem(statusCode: 415, title: "Unsupported media type", detail: $"The body must be a CSV log sent as text/csv (got '{type}').");
        var (settings, name) = ScoreQuery.Parse(request.Query);
        var gzip = request.Headers.ContentEncoding.ToString().Equals("gzip", StringComparison.OrdinalIgnoreCase);
        using var lease = models.Acquire();
        var options = settings.Resolve(lease.Loaded.Bundle.Manifest);
        var folder = Directory.CreateTempSubdirectory("tinierhar-score-");
        try
        {
            // The body goes to disk as it arrives, never whole into memory; the log keeps its name, as score's outputs do.
            var log = Path.Combine(folder.FullName, gzip && !name.EndsWith(".gz", StringComparison.Ordinal) ? name + ".gz" : name);
            await using (var file = File.Create(log))
                await request.Body.CopyToAsync(file, context.RequestAborted);
            var (predictions, segments) = (Path.Combine(folder.FullName, "predictions.csv"), Path.Combine(folder.FullName, "segments.csv"));
            var cancellation = context.RequestAborted;
            var result = await Task.Run(() => LogCsvScoring.Score(new MLContext(), lease.Loaded.Bundle, log, predictions, segments, options,
                (_, _) => cancellation.ThrowIfCancellationRequested()), cancellation);
            // The time limit bounds the upload and the scoring. Once the answer is ready it is written whole: a limit
            // running out mid-write would cut the body short, and headers already sent leave no room for the 503.
            context.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
            cancellation.ThrowIfCancellationRequested();
            context.Response.ContentType = "application/json";
            context.Response.Headers[ModelHeader] = lease.Loaded.Sha256;
            await ScoreResponseWriter.WriteAsync(context.Response.Body, lease.Loaded, result, predictions, segments, cancellation);
            metrics.Scored("scored", result.RowsRead, result.Windows, clock.Elapsed);
            return Results.Empty;
        }
        catch (Exception e) when (e is not BadHttpRequestException && UserInputErrors.Find(e) is { } problem)
        {
            metrics.Scored("refused", 0, 0, clock.Elapsed);
            // The tool's message, naming the log as the client named it rather than by the service's temporary copy.
            throw new InvalidDataException(UserInputErrors.OneLine(problem).Replace(folder.FullName + Path.DirectorySeparatorChar, "", StringComparison.Ordinal), e);
        }
        catch
        {
            metrics.Scored("failed", 0, 0, clock.Elapsed);
            throw;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
