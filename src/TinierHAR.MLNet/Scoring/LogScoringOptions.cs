namespace TinierHAR.MLNet.Scoring;

/// <summary>How <see cref="HarModelBundle.ScoreLog"/> and <see cref="HarModelBundle.ScoreLogBatched"/> read a raw log.</summary>
public sealed class LogScoringOptions
{
    /// <summary>The log's sampling rate, when known; it must equal the bundle's unless <see cref="Resample"/>.</summary>
    public double? SamplingRateHz { get; set; }

    /// <summary>Resample a log at another rate linearly to the bundle's rate.</summary>
    public bool Resample { get; set; }

    /// <summary>Columns of the log that start a new window sequence; by default the bundle's that the log has.</summary>
    public IReadOnlyList<string>? GroupColumnNames { get; set; }

    /// <summary>The log's timestamp column (seconds); by default the bundle's, where the log has it.</summary>
    public string? TimestampColumnName { get; set; }

    /// <summary>A label column of the log: each window then carries its majority label under the same name, for evaluation.</summary>
    public string? LabelColumnName { get; set; }
}
