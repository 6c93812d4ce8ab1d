using Microsoft.ML;
using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// Scores CSV sensor logs with a model bundle into a per-window predictions CSV and, optionally, merged activity
/// segments, each written to a temporary name and renamed on success: the tool's <c>score</c>, and the unit of work of
/// a scoring cluster (one file), so that both write the same bytes.
/// </summary>
public static class LogCsvScoring
{
    /// <summary>The activity of a window whose top probability is below the threshold.</summary>
    public const string Unknown = "unknown";

    /// <summary>The subject column used by default where the first file has one and the bundle names no other (<see cref="BundleManifest.SubjectColumnName"/>).</summary>
    public const string DefaultSubjectColumnName = "Subject";

    /// <summary>Scores <paramref name="input"/> (a CSV file, .csv.gz, folder or pattern).</summary>
    /// <param name="ml">The context.</param>
    /// <param name="bundle">The model bundle.</param>
    /// <param name="input">The logs.</param>
    /// <param name="predictionsPath">The per-window predictions CSV to write.</param>
    /// <param name="segmentsPath">The activity segments CSV to write, or null.</param>
    /// <param name="options">Reading, windowing, scoring and writing.</param>
    /// <param name="progress">Called every 2,048 windows with the samples and windows done.</param>
    public static LogCsvScoringResult Score(MLContext ml, HarModelBundle bundle, string input, string predictionsPath, string? segmentsPath,
        LogCsvScoringOptions options, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var columns = options.Columns;
        var samples = ml.Data.LoadSensorCsv(input, columns);
        if (columns.SubjectColumnName is null && columns.SubjectFileNamePattern is null
            && new[] { bundle.Manifest.SubjectColumnName, DefaultSubjectColumnName }.FirstOrDefault(samples.FirstFileColumnNames().Contains) is { } subject)
        {
            columns = Copy(columns);
            columns.SubjectColumnName = subject;
            samples = ml.Data.LoadSensorCsv(input, columns);
        }
        var manifest = bundle.Manifest;
        var scored = bundle.ScoreLogBatched(samples, WithCsvGroups(options.Scoring), options.Batching);
        // Without timestamps, times are sample positions at the windows' rate (the bundle's; the log's when the bundle has none).
        var writer = new ScoredWindowsCsvWriter(manifest, columns.TimestampColumnName is not null, options.UnknownThreshold, options.Smoothing,
            manifest.SamplingRateHz ?? options.Scoring.SamplingRateHz ?? 1);
        var (windows, unknown, segments) = writer.Write(scored.Predictions, predictionsPath, segmentsPath, progress);
        return new LogCsvScoringResult(samples.LastReport!, scored.Windows.LastReport!, windows, unknown, segments);
    }

    /// <summary>
    /// The scoring options with a CSV log's sequences, its files, subjects and sessions, first among the group columns
    /// (then any others asked for): each predictions row names its window by the three, whatever the bundle was trained on.
    /// </summary>
    private static LogScoringOptions WithCsvGroups(LogScoringOptions o) => new()
    {
        SamplingRateHz = o.SamplingRateHz,
        ChannelColumns = o.ChannelColumns,
        ChannelUnits = o.ChannelUnits,
        GroupColumnNames = CsvGroups.Concat(o.GroupColumnNames ?? []).Distinct(StringComparer.Ordinal).ToArray(),
        TimestampColumnName = o.TimestampColumnName,
        Window = o.Window,
        LabelColumnName = o.LabelColumnName,
    };

    private static readonly string[] CsvGroups = [CsvSamplesDataView.SourceColumnName, CsvSamplesDataView.SubjectColumnName, CsvSamplesDataView.SessionColumnName];

    private static CsvSampleOptions Copy(CsvSampleOptions o) => new()
    {
        ChannelColumnNames = o.ChannelColumnNames,
        TimestampColumnName = o.TimestampColumnName,
        TimestampUnit = o.TimestampUnit,
        LabelColumnName = o.LabelColumnName,
        SubjectColumnName = o.SubjectColumnName,
        SubjectFileNamePattern = o.SubjectFileNamePattern,
        SessionColumnName = o.SessionColumnName,
        MalformedRows = o.MalformedRows,
    };
}
