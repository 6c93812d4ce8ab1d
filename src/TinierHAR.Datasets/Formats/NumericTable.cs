namespace TinierHAR.Datasets.Formats;

/// <summary>Numeric columns of a whole text file, row-major: what most of the original datasets are.</summary>
internal sealed record NumericTable(float[] Values, int Rows, int Columns)
{
    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>).</summary>
    public float this[int row, int column] => Values[(long)row * Columns + column];

    /// <summary>
    /// Reads <paramref name="columns"/> (0-based) of every non-empty line of <paramref name="path"/>; a first line whose
    /// first read column is not a number is taken as a header (redistributed copies add one) when <paramref name="headerAllowed"/>;
    /// empty fields are NaN with <paramref name="emptyIsMissing"/> (datasets whose gaps the authors fill), errors otherwise.
    /// </summary>
    public static NumericTable Read(string path, FieldSplit split, IReadOnlyList<int> columns, DatasetReadTally tally,
        int requiredFields = 0, int skipLines = 0, bool headerAllowed = true, bool emptyIsMissing = false)
    {
        var values = new List<float>();
        var row = new float[columns.Count];
        var indices = columns.ToArray();
        var rows = 0;
        using var text = new TextRecords(path, split, tally, skipLines) { EmptyIsMissing = emptyIsMissing };
        var more = headerAllowed ? text.NextSkippingHeader(indices.Length > 0 ? indices[0] : 0) : text.Next();
        for (; more; more = text.Next())
        {
            if (!text.TryReadNumbers(indices, row, requiredFields)) continue;
            values.AddRange(row);
            rows++;
        }
        tally.Files++;
        return new NumericTable(values.ToArray(), rows, columns.Count);
    }

    /// <summary>Columns <paramref name="from"/>..<paramref name="from"/>+<paramref name="count"/>−1 of every row, row-major.</summary>
    public float[] Slice(int from, int count)
    {
        var slice = new float[(long)Rows * count];
        for (var r = 0; r < Rows; r++)
            Array.Copy(Values, (long)r * Columns + from, slice, (long)r * count, count);
        return slice;
    }
}
