namespace TinierHAR.MLNet.Datasets.Formats.Mat;

/// <summary>MATLAB array classes (the <c>mxCLASS</c> codes of the level-5 format).</summary>
public enum MatClass
{
    /// <summary>Cell array (read as a placeholder).</summary>
    Cell = 1,
    /// <summary>Structure (read as a placeholder).</summary>
    Struct = 2,
    /// <summary>Object (read as a placeholder).</summary>
    Object = 3,
    /// <summary>Character array.</summary>
    Char = 4,
    /// <summary>Sparse array (read as a placeholder).</summary>
    Sparse = 5,
    /// <summary>double.</summary>
    Double = 6,
    /// <summary>single.</summary>
    Single = 7,
    /// <summary>int8.</summary>
    Int8 = 8,
    /// <summary>uint8.</summary>
    UInt8 = 9,
    /// <summary>int16.</summary>
    Int16 = 10,
    /// <summary>uint16.</summary>
    UInt16 = 11,
    /// <summary>int32.</summary>
    Int32 = 12,
    /// <summary>uint32.</summary>
    UInt32 = 13,
    /// <summary>int64.</summary>
    Int64 = 14,
    /// <summary>uint64.</summary>
    UInt64 = 15,
}

/// <summary>
/// One variable of a MATLAB level-5 file: its name, class and dimensions; numeric values (real part, column-major,
/// widened to double) or the text of a char array. Cells, structs and sparse arrays carry no values here.
/// </summary>
public sealed record MatArray(string Name, MatClass Class, int[] Dimensions, double[] Values, string? Text = null)
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
