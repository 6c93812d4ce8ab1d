namespace TinierHAR.MLNet.Data;

/// <summary>How to read sensor logs from CSV files: which columns hold what.</summary>
public sealed class CsvSampleOptions
{
    /// <summary>Channel columns, in channel order; read as floats, an empty field as NaN (a missing value, which
    /// windowing refuses or interpolates).</summary>
    public IReadOnlyList<string> ChannelColumnNames { get; set; } = [];

    /// <summary>Timestamp column, or null: the samples are then taken as evenly spaced. Read as seconds (a number).</summary>
    public string? TimestampColumnName { get; set; }

    /// <summary>
    /// What the timestamps count; <see cref="TimestampUnit.Auto"/> decides per file from its first rows, and
    /// <see cref="CsvReadReport.TimestampUnits"/> says what it decided. Every unit is converted to seconds.
    /// </summary>
    public TimestampUnit TimestampUnit { get; set; } = TimestampUnit.Auto;

    /// <summary>Label column (text), or null for unlabelled logs.</summary>
    public string? LabelColumnName { get; set; }

    /// <summary>Subject column (text), or null: the subject is then empty, or taken from the file name by <see cref="SubjectFileNamePattern"/>.</summary>
    public string? SubjectColumnName { get; set; }

    /// <summary>
    /// Without a subject column: a regular expression whose first group (or whole match) in each file's name is its
    /// subject, such as <c>S\d+</c> for Daphnet's <c>S01R02.txt</c>; a file whose name does not match is an error.
    /// </summary>
    public string? SubjectFileNamePattern { get; set; }

    /// <summary>Session column (text), or null: the session is then the file name, so windows never span two files.</summary>
    public string? SessionColumnName { get; set; }

    /// <summary>What happens to rows that cannot be read.</summary>
    public MalformedRowPolicy MalformedRows { get; set; } = MalformedRowPolicy.Error;
}
