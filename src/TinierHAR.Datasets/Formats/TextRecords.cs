using System.Globalization;

namespace TinierHAR.Datasets.Formats;

/// <summary>
/// Reads a dataset's text file line by line and splits each line into fields without copying them; numbers are
/// parsed on demand, and an unreadable value is an error naming the file, line and column, or (opt-in) a skipped
/// row counted in the report.
/// </summary>
internal sealed class TextRecords : IDisposable
{
    private readonly StreamReader reader;
    private readonly FieldSplit split;
    private readonly DatasetReadTally tally;
    private readonly List<Range> fields = new();
    private string line = "";

    /// <summary>Opens <paramref name="path"/> (plain or <c>.gz</c>), skipping <paramref name="skipLines"/> leading lines.</summary>
    public TextRecords(string path, FieldSplit split, DatasetReadTally tally, int skipLines = 0)
    {
        Path = path;
        this.split = split;
        this.tally = tally;
        reader = new StreamReader(DatasetFolder.Open(path));
        for (var i = 0; i < skipLines && reader.ReadLine() is not null; i++)
            LineNumber++;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>1-based number of the current line.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Fields on the current line.</summary>
    public int FieldCount => fields.Count;

    /// <summary>Whether an empty numeric field is a missing value (NaN, as pandas reads it) rather than an error.</summary>
    public bool EmptyIsMissing { get; init; }

    /// <summary>A character that ends every line and belongs to no field (WISDM's ';'); stripped before splitting.</summary>
    public char? LineTerminator { get; init; }

    /// <summary>The current line.</summary>
    public string Line => line;

    /// <summary>Moves to the next non-empty line; false at the end of the file.</summary>
    public bool Next()
    {
        while (reader.ReadLine() is { } next)
        {
            LineNumber++;
            if (next.Length == 0 || next.AsSpan().IsWhiteSpace()) continue;
            line = LineTerminator is { } terminator ? next.TrimEnd().TrimEnd(terminator) : next;
            Split();
            return true;
        }
        return false;
    }

    /// <summary>Moves to the first line, skipping it when it is a header: when its field <paramref name="numericField"/> is not a number.</summary>
    public bool NextSkippingHeader(int numericField = 0)
    {
        if (!Next()) return false;
        return IsNumber(numericField) || Next();
    }

    /// <summary>Field <paramref name="index"/> (0-based) of the current line.</summary>
    public ReadOnlySpan<char> Field(int index) => index < fields.Count ? line.AsSpan()[fields[index]] : throw Malformed(index, $"the line has only {fields.Count} field(s)");

    /// <summary>Field <paramref name="index"/> as text, trimmed.</summary>
    public string Text(int index) => Field(index).Trim().ToString();

    /// <summary>Whether field <paramref name="index"/> exists and is a number (NaN included).</summary>
    public bool IsNumber(int index) => index < fields.Count && double.TryParse(line.AsSpan()[fields[index]], NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>
    /// Reads <paramref name="columns"/> into <paramref name="destination"/>; true on success. "NaN" is NaN; a malformed
    /// row is refused (see <see cref="Refuse"/>).
    /// </summary>
    public bool TryReadNumbers(ReadOnlySpan<int> columns, Span<double> destination, int requiredFields = 0)
    {
        if (fields.Count < requiredFields)
            return Refuse(fields.Count, $"the line has {fields.Count} field(s); {requiredFields} are expected");
        for (var i = 0; i < columns.Length; i++)
        {
            if (!TryNumber(columns[i], out destination[i], out var rule))
                return Refuse(columns[i], rule);
        }
        return true;
    }

    /// <summary>Like <see cref="TryReadNumbers(ReadOnlySpan{int}, Span{double}, int)"/>, narrowed to floats.</summary>
    public bool TryReadNumbers(ReadOnlySpan<int> columns, Span<float> destination, int requiredFields = 0)
    {
        Span<double> wide = columns.Length <= 512 ? stackalloc double[columns.Length] : new double[columns.Length];
        if (!TryReadNumbers(columns, wide, requiredFields)) return false;
        for (var i = 0; i < columns.Length; i++)
            destination[i] = (float)wide[i];
        return true;
    }

    /// <summary>
    /// Refuses the current line for breaking <paramref name="rule"/> at field <paramref name="index"/>: an error naming
    /// the file, line and column, or under <see cref="MLNet.Data.MalformedRowPolicy.Skip"/> false with the line counted.
    /// </summary>
    public bool Refuse(int index, string rule)
    {
        var error = Malformed(index, rule);
        if (!tally.SkipMalformed) throw error;
        tally.Skip("malformed line", error.Message);
        return false;
    }

    private bool TryNumber(int index, out double value, out string rule)
    {
        (value, rule) = (0, "");
        if (index >= fields.Count)
        {
            rule = $"the line has only {fields.Count} field(s)";
            return false;
        }
        var field = line.AsSpan()[fields[index]].Trim();
        if (field.IsEmpty && EmptyIsMissing)
        {
            value = double.NaN;
            return true;
        }
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return true;
        rule = field.IsEmpty ? "the field is empty" : $"'{field}' is not a number";
        return false;
    }

    /// <summary>An error naming the file, line and 1-based column.</summary>
    public InvalidDataException Malformed(int index, string rule) => new($"{Path}:{LineNumber}: column {index + 1}: {rule}.");

    private void Split()
    {
        fields.Clear();
        var span = line.AsSpan();
        switch (split)
        {
            case FieldSplit.Whitespace or FieldSplit.WhitespaceOrComma:
                var commas = split == FieldSplit.WhitespaceOrComma;
                var i = 0;
                while (i < span.Length)
                {
                    while (i < span.Length && span[i] is ' ' or '\t') i++;
                    if (i >= span.Length) break;
                    var start = i;
                    while (i < span.Length && span[i] is not (' ' or '\t') && !(commas && span[i] == ',')) i++;
                    fields.Add(start..i);
                    while (i < span.Length && span[i] is ' ' or '\t') i++;
                    if (commas && i < span.Length && span[i] == ',') i++;
                }
                break;
            default:
                var separator = split switch { FieldSplit.SingleSpace => ' ', FieldSplit.Tab => '\t', _ => ',' };
                var from = 0;
                for (var at = span.IndexOf(separator); at >= 0; at = span[from..].IndexOf(separator) is var next and >= 0 ? from + next : -1)
                {
                    fields.Add(from..at);
                    from = at + 1;
                }
                fields.Add(from..span.Length);
                break;
        }
    }

    /// <inheritdoc />
    public void Dispose() => reader.Dispose();
}
