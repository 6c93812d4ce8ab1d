namespace TinierHAR.Datasets.Formats.Mat;

/// <summary>
/// One variable of a MATLAB level-5 file: its name, class and dimensions; numeric values (real part, column-major,
/// widened to double) or the text of a char array. Cells, structs and sparse arrays carry no values here.
/// </summary>
internal sealed record MatArray(string Name, MatClass Class, int[] Dimensions, double[] Values, string? Text = null)
{
    /// <summary>Whether the array holds numbers.</summary>
    public bool IsNumeric => Class >= MatClass.Double;

    /// <summary>Rows (first dimension).</summary>
    public int Rows => Dimensions.Length > 0 ? Dimensions[0] : 0;

    /// <summary>Columns (product of the other dimensions).</summary>
    public int Columns => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);

    /// <summary>The value at (<paramref name="row"/>, <paramref name="column"/>); MATLAB stores columns one after another.</summary>
    public double this[int row, int column] => Values[(long)column * Rows + row];

    /// <summary>A numeric matrix from rows (row-major input), for writing fixtures.</summary>
    public static MatArray FromRows(string name, double[,] rows)
    {
        var (r, c) = (rows.GetLength(0), rows.GetLength(1));
        var values = new double[r * c];
        for (var i = 0; i < r; i++)
            for (var j = 0; j < c; j++)
                values[(long)j * r + i] = rows[i, j];
        return new MatArray(name, MatClass.Double, [r, c], values);
    }

    /// <summary>A 1 × n char array, for writing fixtures.</summary>
    public static MatArray FromText(string name, string text) => new(name, MatClass.Char, [1, text.Length], [], text);
}
