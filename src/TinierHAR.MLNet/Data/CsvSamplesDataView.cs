using System.IO.Enumeration;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileSystemGlobbing;
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
        OptionRules.Require(options.ChannelColumnNames.Count > 0, nameof(options.ChannelColumnNames), "name at least one channel column.");
        OptionRules.Require(options.SubjectFileNamePattern is null || options.SubjectColumnName is null, nameof(options.SubjectFileNamePattern),
            "give a subject column or a file-name pattern, not both.");
        string?[] named = [options.TimestampColumnName, options.LabelColumnName, options.SubjectColumnName, options.SessionColumnName, .. options.ChannelColumnNames];
        OptionRules.Require(named.All(n => n is null || !string.IsNullOrWhiteSpace(n)), nameof(options), "a column name must not be empty.");
        var twice = named.OfType<string>().GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        OptionRules.Require(twice is null, nameof(options), $"column '{twice?.Key}' is named for two roles (timestamp, label, subject, session, channels); each column has one.");
        Files = ResolveFiles(path);
        Options = options;
        try
        {
            SubjectPattern = options.SubjectFileNamePattern is { } pattern ? new Regex(pattern, RegexOptions.CultureInvariant) : null;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Invalid {nameof(options.SubjectFileNamePattern)} '{options.SubjectFileNamePattern}': {e.Message}", nameof(options), e);
        }

        var builder = new DataViewSchema.Builder();
        builder.AddColumn(SourceColumnName, TextDataViewType.Instance);
        builder.AddColumn(SubjectColumnName, TextDataViewType.Instance);
        builder.AddColumn(SessionColumnName, TextDataViewType.Instance);
        if (options.TimestampColumnName is { } time)
            builder.AddColumn(time, NumberDataViewType.Double, SecondsAnnotation.Create());
        if (options.LabelColumnName is { } label)
            builder.AddColumn(label, TextDataViewType.Instance);
        foreach (var channel in options.ChannelColumnNames)
            builder.AddColumn(channel, NumberDataViewType.Single);
        Schema = builder.ToSchema();
    }

    /// <summary>
    /// A file, the .csv and .csv.gz files of a folder, or the files a glob pattern matches (<c>logs/**/*.csv.gz</c>;
    /// the pattern starts at its last folder without wildcards), in name order.
    /// </summary>
    private static string[] ResolveFiles(string path)
    {
        if (path.IndexOfAny(['*', '?']) >= 0)
        {
            var separator = path[..path.IndexOfAny(['*', '?'])].LastIndexOfAny(['/', Path.DirectorySeparatorChar]);
            var root = separator < 0 ? "." : path[..(separator + 1)];
            var include = path[(separator + 1)..];
            // The globbing library knows '*' and '**' only: '?' is matched as '*', then each name checked against its segment.
            var single = include.Contains('?');
            if (single && include.Contains("**", StringComparison.Ordinal))
                throw new ArgumentException($"The pattern '{path}' combines '?' with '**'; use one or the other.", nameof(path));
            var matcher = new Matcher(StringComparison.Ordinal);
            matcher.AddInclude(include.Replace('?', '*'));
            var segments = include.Split('/', Path.DirectorySeparatorChar);
            var matched = matcher.GetResultsInFullPath(root)
                .Where(file => !single || MatchesEachSegment(segments, Path.GetRelativePath(root, file).Split('/', Path.DirectorySeparatorChar)))
                .Order(StringComparer.Ordinal).ToArray();
            return matched.Length > 0 ? matched : throw new FileNotFoundException($"The pattern '{path}' matches no file.", path);
        }
        if (File.Exists(path))
            return [path];
        if (!Directory.Exists(path))
            throw new FileNotFoundException($"'{path}' is neither a CSV file, a folder nor a pattern.", path);
        var files = Directory.EnumerateFiles(path).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToArray();
        return files.Length > 0 ? files : throw new FileNotFoundException($"The folder '{path}' holds no .csv or .csv.gz file.", path);
    }

    /// <summary>Whether each name of a path matches its segment of a pattern of '*' and '?' (the same number of both).</summary>
    private static bool MatchesEachSegment(string[] pattern, string[] names) =>
        pattern.Length == names.Length && pattern.Zip(names).All(p => FileSystemName.MatchesSimpleExpression(p.First, p.Second, ignoreCase: false));

    /// <summary>The files read, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The header of the first file, for callers that choose columns by what the logs hold.</summary>
    public IReadOnlyList<string> FirstFileColumnNames()
    {
        using var reader = CsvSampleCursor.Open(Files[0]);
        return reader.Header.ColNames.ToArray();
    }

    /// <summary>The subject pattern of the file names, when the subject comes from them.</summary>
    internal Regex? SubjectPattern { get; }

    /// <summary>The column settings.</summary>
    public CsvSampleOptions Options { get; }

    /// <inheritdoc />
    public override DataViewSchema Schema { get; }

    /// <inheritdoc />
    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new CsvSampleCursor(this);

}
