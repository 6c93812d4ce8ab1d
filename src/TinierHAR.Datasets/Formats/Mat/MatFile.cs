using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TinierHAR.Datasets.Formats.Mat;

/// <summary>
/// Reads MATLAB level-5 <c>.mat</c> files (the non-HDF5 kind scipy reads; little-endian): top-level variables, including
/// zlib-compressed elements (<c>miCOMPRESSED</c>, MATLAB's default since v7), small data elements, and numeric data
/// stored in a narrower type than its class (MATLAB saves a double matrix of small integers as uint8).
/// </summary>
internal static class MatFile
{
    private const int HeaderLength = 128;

    /// <summary>Every top-level variable of <paramref name="path"/> (plain or <c>.gz</c>), in file order.</summary>
    public static IReadOnlyList<MatArray> Read(string path)
    {
        byte[] bytes;
        using (var stream = DatasetFolder.Open(path))
        using (var memory = new MemoryStream())
        {
            stream.CopyTo(memory);
            bytes = memory.ToArray();
        }
        if (bytes.Length < HeaderLength)
            throw new InvalidDataException($"{path}: {bytes.Length} bytes is shorter than a MAT-file header ({HeaderLength}); not a MATLAB level-5 file.");
        if (Encoding.ASCII.GetString(bytes, 0, 6) == "MATLAB" && bytes[126] == 'M' && bytes[127] == 'I')
            throw new NotSupportedException($"{path}: big-endian MAT-files are not supported.");
        if (bytes[126] != 'I' || bytes[127] != 'M' || BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(124)) != 0x0100)
        {
            var hint = Encoding.ASCII.GetString(bytes, 0, 8) == "\u0089HDF\r\n\u001a\n" ? " (it looks like a v7.3 HDF5 file)" : "";
            throw new InvalidDataException($"{path}: not a MATLAB level-5 MAT-file{hint}: the header's version and endian marker are missing.");
        }
        var variables = new List<MatArray>();
        var offset = HeaderLength;
        while (offset + 8 <= bytes.Length)
        {
            var (type, data, next) = Element(bytes, offset, path);
            offset = next;
            if (type == MatDataType.Compressed)
            {
                var inflated = Inflate(data, path);
                var (innerType, innerData, _) = Element(inflated, 0, path);
                if (innerType == MatDataType.Matrix) variables.Add(Matrix(innerData, path));
            }
            else if (type == MatDataType.Matrix)
            {
                variables.Add(Matrix(data.ToArray(), path));
            }
        }
        return variables;
    }

    /// <summary>The variable named <paramref name="name"/>, or an error listing the variables there are.</summary>
    public static MatArray Get(IReadOnlyList<MatArray> variables, string name, string path) =>
        variables.FirstOrDefault(v => v.Name == name)
        ?? throw new InvalidDataException($"{path}: no variable '{name}'; the file holds {string.Join(", ", variables.Select(v => v.Name))}.");

    /// <summary>One data element at <paramref name="offset"/>: its type, data and the offset of the next element (8-byte aligned).</summary>
    private static (MatDataType Type, ReadOnlyMemory<byte> Data, int Next) Element(byte[] bytes, int offset, string path)
    {
        var first = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset));
        if (first >> 16 != 0)
        {
            // Small data element: type and size share the first four bytes; up to four data bytes follow.
            var smallSize = (int)(first >> 16);
            if (smallSize > 4)
                throw new InvalidDataException($"{path}: byte {offset}: a small data element cannot hold {smallSize} bytes.");
            return ((MatDataType)(first & 0xFFFF), bytes.AsMemory(offset + 4, smallSize), offset + 8);
        }
        var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
        if (offset + 8L + size > bytes.Length)
            throw new InvalidDataException($"{path}: byte {offset}: a data element of {size} bytes runs past the end of the file ({bytes.Length} bytes); the file is truncated.");
        var type = (MatDataType)first;
        var next = offset + 8 + (int)size;
        if (type != MatDataType.Compressed) next = (next + 7) & ~7;
        return (type, bytes.AsMemory(offset + 8, (int)size), Math.Min(next, bytes.Length));
    }

    private static byte[] Inflate(ReadOnlyMemory<byte> data, string path)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: a compressed element does not inflate: {e.Message}", e);
        }
    }

    /// <summary>Parses an <c>miMATRIX</c> element: flags, dimensions, name, real part.</summary>
    private static MatArray Matrix(ReadOnlyMemory<byte> element, string path)
    {
        var bytes = element.ToArray();
        var (_, flags, offset) = Element(bytes, 0, path);
        var arrayClass = (MatClass)(flags.Span[0]);
        var (_, dimensionBytes, afterDimensions) = Element(bytes, offset, path);
        var dimensions = new int[dimensionBytes.Length / 4];
        for (var i = 0; i < dimensions.Length; i++)
            dimensions[i] = BinaryPrimitives.ReadInt32LittleEndian(dimensionBytes.Span[(4 * i)..]);
        var (_, nameBytes, afterName) = Element(bytes, afterDimensions, path);
        var name = Encoding.ASCII.GetString(nameBytes.Span);
        if (arrayClass is MatClass.Cell or MatClass.Struct or MatClass.Object or MatClass.Sparse || afterName >= bytes.Length)
            return new MatArray(name, arrayClass, dimensions, []);
        var (storage, real, _) = Element(bytes, afterName, path);
        var values = Numbers(storage, real.Span, path, name);
        var count = dimensions.Aggregate(1L, (a, b) => a * b);
        if (values.Length != count)
            throw new InvalidDataException($"{path}: variable '{name}' has dimensions {string.Join(" x ", dimensions)} but {values.Length} values.");
        return arrayClass == MatClass.Char
            ? new MatArray(name, arrayClass, dimensions, [], CharText(values, dimensions))
            : new MatArray(name, arrayClass, dimensions, values);
    }

    /// <summary>A char array's rows joined by newlines (MATLAB stores characters column-major).</summary>
    private static string CharText(double[] codes, int[] dimensions)
    {
        var (rows, columns) = (dimensions[0], codes.Length / Math.Max(1, dimensions[0]));
        return string.Join('\n', Enumerable.Range(0, rows).Select(r => new string(Enumerable.Range(0, columns).Select(c => (char)codes[c * rows + r]).ToArray())));
    }

    private static double[] Numbers(MatDataType type, ReadOnlySpan<byte> data, string path, string name)
    {
        switch (type)
        {
            case MatDataType.Utf8:
                return Encoding.UTF8.GetString(data).Select(c => (double)c).ToArray();
            case MatDataType.Int8: return Convert(data, 1, s => (sbyte)s[0]);
            case MatDataType.UInt8: return Convert(data, 1, s => s[0]);
            case MatDataType.Int16: return Convert(data, 2, s => BinaryPrimitives.ReadInt16LittleEndian(s));
            case MatDataType.UInt16 or MatDataType.Utf16: return Convert(data, 2, s => BinaryPrimitives.ReadUInt16LittleEndian(s));
            case MatDataType.Int32: return Convert(data, 4, s => BinaryPrimitives.ReadInt32LittleEndian(s));
            case MatDataType.UInt32 or MatDataType.Utf32: return Convert(data, 4, s => BinaryPrimitives.ReadUInt32LittleEndian(s));
            case MatDataType.Single: return Convert(data, 4, s => BinaryPrimitives.ReadSingleLittleEndian(s));
            case MatDataType.Double: return Convert(data, 8, s => BinaryPrimitives.ReadDoubleLittleEndian(s));
            case MatDataType.Int64: return Convert(data, 8, s => BinaryPrimitives.ReadInt64LittleEndian(s));
            case MatDataType.UInt64: return Convert(data, 8, s => BinaryPrimitives.ReadUInt64LittleEndian(s));
            default: throw new InvalidDataException($"{path}: variable '{name}' stores its values as data type {(int)type}, which is not a numeric MAT type.");
        }
    }

    private delegate double Decode(ReadOnlySpan<byte> bytes);

    private static double[] Convert(ReadOnlySpan<byte> data, int width, Decode decode)
    {
        var values = new double[data.Length / width];
        for (var i = 0; i < values.Length; i++)
            values[i] = decode(data.Slice(i * width, width));
        return values;
    }
}
