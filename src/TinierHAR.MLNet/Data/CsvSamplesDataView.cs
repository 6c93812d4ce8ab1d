using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Data;

/// <summary>
/// Sensor samples streamed from CSV files (plain or <c>.gz</c>), one row per sample: <c>Source</c> (file name),
/// <c>Subject</c>, <c>Session</c>, the timestamp and label columns where configured, and the channel columns (floats),
/// under their CSV names. Files are read in name order; nothing is held in memory but the current row.
/// </summary>
public sealed class CsvSamplesDataView : StreamingDataView<CsvReadReport>
{
    /// <summary>Name of the column with the file each row comes from.</summary>
    public const string SourceColumnName = "Source";

    /// <summary>Name of the subject column.</summary>
    public const string SubjectColumnName = "Subject";

    /// <summary>Name of the session column.</summary>
    public const string SessionColumnName = "Session";

    internal CsvSamplesDataView(string path, CsvSampleOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ChannelColumnNames.Count == 0)
            throw new ArgumentException("Invalid option 'ChannelColumnNames': name at least one channel column.", nameof(options));
        Files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToArray()
            : File.Exists(path) ? [path] : throw new FileNotFoundException($"'{path}' is neither a CSV file nor a folder.", path);
        if (Files.Count == 0)
            throw new FileNotFoundException($"The folder '{path}' holds no .csv or .csv.gz file.", path);
        Options = options;

        var builder = new DataViewSchema.Builder();
        builder.AddColumn(SourceColumnName, TextDataViewType.Instance);
        builder.AddColumn(SubjectColumnName, TextDataViewType.Instance);
        builder.AddColumn(SessionColumnName, TextDataViewType.Instance);
        if (options.TimestampColumnName is { } time)
            builder.AddColumn(time, NumberDataViewType.Double);
        if (options.LabelColumnName is { } label)
            builder.AddColumn(label, TextDataViewType.Instance);
        foreach (var channel in options.ChannelColumnNames)
            builder.AddColumn(channel, NumberDataViewType.Single);
        Schema = builder.ToSchema();
    }

    /// <summary>The files read, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The column settings.</summary>
    public CsvSampleOptions Options { get; }

    /// <inheritdoc />
    public override DataViewSchema Schema { get; }

    /// <inheritdoc />
    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new CsvSampleCursor(this);

}
