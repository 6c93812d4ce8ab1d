using System.Diagnostics.Metrics;

namespace TinierHAR.Service.Hosting;

/// <summary>
/// The service's own metrics (meter <see cref="MeterName"/>, exported through OpenTelemetry): scoring requests by
/// outcome, rows and windows scored, the scoring latency, and the loaded model's hash and version.
/// </summary>
public sealed class ScoringMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "TinierHAR.Service";

    private readonly Counter<long> requests;
    private readonly Counter<long> windows;
    private readonly Counter<long> rows;
    private readonly Histogram<double> duration;

    public ScoringMetrics(IMeterFactory meters, BundleHolder models)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        requests = meter.CreateCounter<long>("tinierhar.score.requests", description: "Scoring requests, by outcome");
        windows = meter.CreateCounter<long>("tinierhar.score.windows", description: "Windows scored");
        rows = meter.CreateCounter<long>("tinierhar.score.rows", description: "Log rows read");
        duration = meter.CreateHistogram<double>("tinierhar.score.duration", unit: "s", description: "Time to score one log, from the first byte read to the last written",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
        meter.CreateObservableGauge("tinierhar.model.loaded", () =>
        {
            var loaded = models.Current;
            return new Measurement<int>(loaded.Version, new KeyValuePair<string, object?>("sha256", loaded.Sha256));
        }, description: "The loaded model's version (1 at start, one more per reload), tagged with its SHA-256");
    }

    /// <summary>Records one request.</summary>
    public void Scored(string outcome, long rowsRead, long windowsScored, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        requests.Add(1, tag);
        rows.Add(rowsRead);
        windows.Add(windowsScored);
        duration.Record(elapsed.TotalSeconds, tag);
    }
}
