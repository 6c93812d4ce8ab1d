using System.Globalization;
using System.IO.Compression;
using Microsoft.ML;
using nietras.SeparatedValues;

namespace TinierHAR.MLNet.Data;

/// <summary>Reads the CSV files one row at a time with Sep, parsing each row into typed values.</summary>
internal sealed class CsvSampleCursor : StreamingCursor, IRowLocator
{
    // Where the latest rows came from, for errors found by later stages a few rows behind the reader.
    private const int LocatedRows = 1024;
    private readonly CsvSamplesDataView view;
    private readonly CsvSampleOptions options;
    private readonly Dictionary<int, Delegate> getters = new();
    private readonly float[] channels;
    private readonly Dictionary<string, long> skipped = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimestampDecision> units = new(StringComparer.Ordinal);
    private readonly (int File, long Line)[] located = new (int, long)[LocatedRows];
    private TimestampDecision? unit;
    private double secondsPerUnit = 1;
    private int fileIndex = -1;
    private long linesInFile;
    private SepReader? reader;
    private string file = "";
    private int[] channelIndex = [];
    private int headerFields;
    private int timeIndex = -1, labelIndex = -1, subjectIndex = -1, sessionIndex = -1;
    private string source = "", subject = "", session = "", label = "";
    private double time;

    public CsvSampleCursor(CsvSamplesDataView view) : base(view.Schema)
    {
        this.view = view;
        options = view.Options;
        channels = new float[options.ChannelColumnNames.Count];
        var schema = view.Schema;
        getters[schema[CsvSamplesDataView.SourceColumnName].Index] = Text(() => source);
        getters[schema[CsvSamplesDataView.SubjectColumnName].Index] = Text(() => subject);
        getters[schema[CsvSamplesDataView.SessionColumnName].Index] = Text(() => session);
        if (options.TimestampColumnName is { } t)
            getters[schema[t].Index] = (ValueGetter<double>)((ref double v) => v = time);
        if (options.LabelColumnName is { } l)
            getters[schema[l].Index] = Text(() => label);
        for (var i = 0; i < channels.Length; i++)
        {
            var index = i;
            getters[schema[options.ChannelColumnNames[i]].Index] = (ValueGetter<float>)((ref float v) => v = channels[index]);
        }
    }

    private static ValueGetter<ReadOnlyMemory<char>> Text(Func<string> value) => (ref ReadOnlyMemory<char> v) => v = value().AsMemory();


    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        getters[column.Index] as ValueGetter<TValue> ?? throw new InvalidOperationException($"Column '{column.Name}' is not {typeof(TValue).Name}.");


    public override bool MoveNext()
    {
        while (true)
        {
            if (reader is null && !OpenNext())
            {
                view.Publish(new CsvReadReport { Files = view.Files.Count, RowsRead = RowPosition + 1, RowsSkipped = skipped, TimestampUnits = units });
                return false;
            }
            if (!reader!.MoveNext())
            {
                // A file with a header and nothing under it is a log that lost its data, not an empty recording.
                if (linesInFile == 0)
                    throw new InvalidDataException($"'{file}' has a header and no data rows.");
                reader.Dispose();
                reader = null;
                continue;
            }
            linesInFile++;
            if (TryParse(reader.Current))
            {
                RowPosition++;
                located[RowPosition % LocatedRows] = (fileIndex, reader.Current.LineNumberFrom);
                return true;
            }
        }
    }

    private bool OpenNext()
    {
        if (++fileIndex >= view.Files.Count)
            return false;
        file = view.Files[fileIndex];
        source = Path.GetFileName(file);
        linesInFile = 0;
        reader = Open(file);
        headerFields = reader.Header.ColNames.Count;
        int Find(string name, string role) => reader.Header.TryIndexOf(name, out var index)
            ? index
            : throw new InvalidDataException($"'{file}': no {role} column '{name}' (header: {InputText.List(reader.Header.ColNames)}).");
        channelIndex = options.ChannelColumnNames.Select(n => Find(n, "channel")).ToArray();
        timeIndex = options.TimestampColumnName is { } t ? Find(t, "timestamp") : -1;
        labelIndex = options.LabelColumnName is { } l ? Find(l, "label") : -1;
        subjectIndex = options.SubjectColumnName is { } s ? Find(s, "subject") : -1;
        sessionIndex = options.SessionColumnName is { } x ? Find(x, "session") : -1;
        if (subjectIndex < 0 && view.SubjectPattern is { } pattern)
        {
            var match = pattern.Match(source);
            subject = match.Success
                ? match.Groups.Count > 1 ? match.Groups[1].Value : match.Value
                : throw new InvalidDataException($"'{file}': the file name does not match the subject pattern '{pattern}'.");
        }
        if (timeIndex >= 0)
        {
            unit = DecideUnit();
            units[source] = unit;
            secondsPerUnit = TimestampUnits.SecondsPer(unit.Unit);
        }
        return true;
    }

    /// <summary>The given unit, or the one the file's first rows show: date-time text, else the numbers' intervals.</summary>
    private TimestampDecision DecideUnit()
    {
        if (options.TimestampUnit != TimestampUnit.Auto)
            return new TimestampDecision(options.TimestampUnit, "given");
        using var peek = Open(file);
        var values = new List<double>();
        while (values.Count < 64 && peek.MoveNext())
        {
            var row = peek.Current;
            if (timeIndex >= row.ColCount)
                continue;
            if (row[timeIndex].TryParse<double>() is { } number)
                values.Add(number);
            else if (TimestampUnits.TryParseDateTime(row[timeIndex].Span, out _))
                return new TimestampDecision(TimestampUnit.DateTime, $"date-time text such as {InputText.Quote(row[timeIndex].Span)} on line {row.LineNumberFrom}");
        }
        return TimestampUnits.Detect(values, null);
    }

    /// <inheritdoc />
    public string Locate(long row)
    {
        var (index, line) = located[row % LocatedRows];
        return row <= RowPosition && row > RowPosition - LocatedRows ? $"'{view.Files[index]}' line {line}" : $"row {row}";
    }

    /// <summary>A reader of <paramref name="file"/> (plain or gzip) past its header, which must exist.</summary>
    internal static SepReader Open(string file)
    {
        var stream = (Stream)File.OpenRead(file);
        if (file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new GZipStream(stream, CompressionMode.Decompress);
        var reader = Sep.Reader(o => o with { CultureInfo = CultureInfo.InvariantCulture, DisableColCountCheck = true }).From(stream);
        if (reader.Header.IsEmpty)
        {
            reader.Dispose();
            throw new InvalidDataException($"'{file}' is empty: it has no header line.");
        }
        return reader;
    }

    private bool TryParse(SepReader.Row row)
    {
        var line = row.LineNumberFrom;
        string? problem = null, reason = null;
        // Fields past the header's are data the header does not name; empty ones are a trailing separator.
        if (row.ColCount > headerFields && !ExtraFieldsAreEmpty(row))
            (problem, reason) = ($"the row has {row.ColCount:N0} fields, the header {headerFields:N0}", "long rows");
        for (var i = 0; i < channels.Length && problem is null; i++)
        {
            if (channelIndex[i] >= row.ColCount)
                (problem, reason) = ($"column '{options.ChannelColumnNames[i]}' is missing (the row has {row.ColCount} fields)", "short rows");
            else if (row[channelIndex[i]].TryParse<float>() is { } value)
                channels[i] = value;
            else if (row[channelIndex[i]].Span.IsWhiteSpace())
                channels[i] = float.NaN; // a missing value: windowing refuses it or interpolates it (InvalidValuePolicy)
            else
                (problem, reason) = ($"column '{options.ChannelColumnNames[i]}': {InputText.Quote(row[channelIndex[i]].Span)} is not a number", "non-numeric values");
        }
        if (problem is null && timeIndex >= 0)
        {
            if (timeIndex >= row.ColCount)
                (problem, reason) = ($"column '{options.TimestampColumnName}' is missing", "short rows");
            else if (unit!.Unit == TimestampUnit.DateTime)
            {
                if (TimestampUnits.TryParseDateTime(row[timeIndex].Span, out var seconds))
                    time = seconds;
                else
                    (problem, reason) = ($"column '{options.TimestampColumnName}': {InputText.Quote(row[timeIndex].Span)} is not a date-time (ISO 8601, such as 2024-05-01T12:00:00.020Z)", "unreadable timestamps");
            }
            else if (row[timeIndex].TryParse<double>() is { } value)
                time = value * secondsPerUnit;
            else
                (problem, reason) = ($"column '{options.TimestampColumnName}': {InputText.Quote(row[timeIndex].Span)} is not a number (timestamps read as {TimestampUnitNames.Symbol(unit.Unit)})", "unreadable timestamps");
        }
        if (problem is null)
        {
            label = Field(row, labelIndex, label);
            subject = subjectIndex >= 0 ? Field(row, subjectIndex, subject) : subject;
            session = sessionIndex >= 0 ? Field(row, sessionIndex, session) : source;
            return true;
        }
        if (options.MalformedRows == MalformedRowPolicy.Error)
            throw new InvalidDataException($"'{file}' line {line}: {problem}.");
        skipped[reason!] = skipped.GetValueOrDefault(reason!) + 1;
        return false;
    }

    private bool ExtraFieldsAreEmpty(SepReader.Row row)
    {
        for (var i = headerFields; i < row.ColCount; i++)
        {
            if (!row[i].Span.IsWhiteSpace())
                return false;
        }
        return true;
    }

    /// <summary>A text field, reusing <paramref name="previous"/> when equal: labels and subjects repeat for long runs of rows.</summary>
    private static string Field(SepReader.Row row, int index, string previous)
    {
        if (index < 0 || index >= row.ColCount)
            return "";
        var span = row[index].Span;
        return span.SequenceEqual(previous) ? previous : span.ToString();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            reader?.Dispose();
        base.Dispose(disposing);
    }
}
