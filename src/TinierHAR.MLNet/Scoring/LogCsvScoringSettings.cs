using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// A scoring of CSV logs as a person asks for it: the tool's <c>score</c> flags and the scoring service's query
/// parameters, as text and numbers. <see cref="Resolve"/> turns them into the <see cref="LogCsvScoringOptions"/> of a
/// bundle (its channels, timestamp column and rate); a bad value is an error naming its flag.
/// </summary>
public sealed class LogCsvScoringSettings
{
    /// <summary>Timestamp column (<c>--time</c>); null: the bundle's.</summary>
    public string? Time { get; set; }

    /// <summary>The logs have no timestamp column (<c>--no-time</c>).</summary>
    public bool NoTime { get; set; }

    /// <summary>Subject column (<c>--subject</c>); null: the bundle's, or <see cref="LogCsvScoring.DefaultSubjectColumnName"/> where the log has one.</summary>
    public string? Subject { get; set; }

    /// <summary>No subject column: a regular expression whose first group (or match) in each file name is the subject (<c>--subject-from-file</c>).</summary>
    public string? SubjectFromFile { get; set; }

    /// <summary>Session column (<c>--session</c>); null: one session per file.</summary>
    public string? Session { get; set; }

    /// <summary>The sampling rate in Hz of logs without timestamps (<c>--rate</c>); null: the bundle's.</summary>
    public double? Rate { get; set; }

    /// <summary>Log columns for model channels whose names differ, as model=log pairs (<c>--channels AccX=acc_x,AccY=acc_y</c>).</summary>
    public string? Channels { get; set; }

    /// <summary>The log's channel units where they differ from the model's: one per channel, or channel=unit pairs (<c>--units</c>).</summary>
    public string? Units { get; set; }

    /// <summary>Malformed lines (<c>--malformed</c>).</summary>
    public MalformedRowPolicy Malformed { get; set; } = MalformedRowPolicy.Error;

    /// <summary>The time unit, resampling, gaps, repeats, out-of-order rows and missing values.</summary>
    public TimeHandlingSettings TimeHandling { get; set; } = new();

    /// <summary>Majority smoothing over this many centred windows before segmenting (<c>--smooth</c>; odd, 1 = none).</summary>
    public int Smooth { get; set; } = 1;

    /// <summary>Windows whose top probability is below this are <see cref="LogCsvScoring.Unknown"/> (<c>--threshold</c>).</summary>
    public double Threshold { get; set; }

    /// <summary>Windows per ONNX Runtime call (<c>--batch-size</c>).</summary>
    public int BatchSize { get; set; } = new BatchedHarScorerOptions().BatchSize;

    /// <summary>Batches scored side by side (<c>--threads</c>; 0: one per core).</summary>
    public int Threads { get; set; }

    /// <summary>The options of a scoring with <paramref name="manifest"/>'s bundle.</summary>
    public LogCsvScoringOptions Resolve(BundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ActivitySegmenter.ValidateSmoothing(Smooth, "--smooth");
        if (Threshold is < 0 or > 1 or double.NaN)
            throw new ArgumentException($"Invalid option '--threshold': a probability between 0 and 1 (got {Threshold}).");
        var timeColumn = NoTime ? null : Time ?? manifest.TimestampColumnName;
        var mapping = ChannelFlagText.Mapping(Channels, manifest.ChannelNames);
        var scoring = new LogScoringOptions
        {
            SamplingRateHz = Rate,
            TimestampColumnName = timeColumn,
            ChannelColumns = mapping,
            ChannelUnits = ChannelFlagText.Units(Units, manifest.ChannelNames, manifest.ChannelUnits),
            Window = TimeHandling.ApplyTo(manifest.Window),
        };
        return new LogCsvScoringOptions
        {
            Columns = new CsvSampleOptions
            {
                ChannelColumnNames = manifest.ChannelNames.Select(n => mapping.GetValueOrDefault(n) ?? n).ToArray(),
                TimestampColumnName = timeColumn,
                TimestampUnit = TimeHandling.ParseTimeUnit(),
                SubjectColumnName = Subject,
                SubjectFileNamePattern = SubjectFromFile,
                SessionColumnName = Session,
                MalformedRows = Malformed,
            },
            Scoring = scoring,
            Batching = new BatchedHarScoringOptions { BatchSize = BatchSize, ConcurrentBatches = Threads },
            Smoothing = Smooth,
            UnknownThreshold = Threshold,
        };
    }
}
