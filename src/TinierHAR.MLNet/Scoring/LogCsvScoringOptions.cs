using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// Options of <see cref="LogCsvScoring"/>: how CSV sensor logs are read, windowed and scored, and how the predictions
/// are written. Plain data (it travels as JSON to the machines that score a job's files).
/// </summary>
public sealed class LogCsvScoringOptions
{
    /// <summary>
    /// The CSV columns: the model's channels (in the bundle's order, under the log's names), the timestamp column or
    /// none, subject and session. Without a subject column or file-name pattern, a column named
    /// <see cref="LogCsvScoring.DefaultSubjectColumnName"/> is the subject where the first file has one (several
    /// subjects in one file restart their clocks).
    /// </summary>
    public CsvSampleOptions Columns { get; set; } = new();

    /// <summary>Resampling, time handling, channel mapping and units, as the bundle's windowing applies them.</summary>
    public LogScoringOptions Scoring { get; set; } = new();

    /// <summary>Windows per ONNX Runtime call and batches side by side.</summary>
    public BatchedHarScoringOptions Batching { get; set; } = new();

    /// <summary>Majority smoothing over this many centred windows before segmenting (odd; 1 = none).</summary>
    public int Smoothing { get; set; } = 1;

    /// <summary>Windows whose top probability is below this are <see cref="LogCsvScoring.Unknown"/>.</summary>
    public double UnknownThreshold { get; set; }

    /// <summary>Checks the options, naming the offending one.</summary>
    public void Validate()
    {
        ActivitySegmenter.ValidateSmoothing(Smoothing, nameof(Smoothing));
        OptionRules.Require(UnknownThreshold is >= 0 and <= 1, nameof(UnknownThreshold), $"a probability between 0 and 1 (got {UnknownThreshold}).");
    }
}
