using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace TinierHAR.TestSupport;

/// <summary>A NumPy <c>.npy</c> array (format v1/v2, C order, little-endian float32/float64/int32/int64), as doubles.</summary>
public sealed partial class NpyArray
{
    private NpyArray(long[] shape, double[] values)
    {
        Shape = shape;
        Values = values;
    }

    /// <summary>The array's shape.</summary>
    public long[] Shape { get; }

    /// <summary>The values in C order.</summary>
    public double[] Values { get; }

    /// <summary>The values as 32-bit floats.</summary>
    public float[] ToSingles() => Values.Select(v => (float)v).ToArray();

    /// <summary>Reads an <c>.npy</c> file.</summary>
    public static NpyArray Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new InvalidDataException($"'{path}' is not a .npy file.");
        var major = bytes[6];
        var (headerLength, headerStart) = major == 1
            ? (BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)), 10)
            : ((int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)), 12);
        var header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header).Groups[1].Value;
        if (header.Contains("'fortran_order': True", StringComparison.Ordinal))
            throw new NotSupportedException($"'{path}': Fortran order is not supported.");
        var shape = ShapePattern().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        var count = shape.Aggregate(1L, (a, b) => a * b);
        var data = bytes.AsSpan(headerStart + headerLength);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = descr switch
            {
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]),
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(data[(8 * i)..]),
                "<i4" => BinaryPrimitives.ReadInt32LittleEndian(data[(4 * i)..]),
                "<i8" => BinaryPrimitives.ReadInt64LittleEndian(data[(8 * i)..]),
                _ => throw new NotSupportedException($"'{path}': dtype '{descr}' is not supported."),
            };
        }
        return new NpyArray(shape, values);
    }

    [GeneratedRegex(@"'descr':\s*'([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
