using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TinierHAR.Datasets.Formats.Mat;

/// <summary>
/// Writes MATLAB level-5 <c>.mat</c> files (little-endian) of double matrices and char arrays, optionally each variable
/// zlib-compressed and with whole numbers 0–255 stored as uint8 as MATLAB does: fixtures in the original format.
/// </summary>
internal static class MatFileWriter
{
    /// <summary>Writes <paramref name="variables"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<MatArray> variables, bool compress = true, bool compactIntegers = false)
    {
        using var file = File.Create(path);
        var header = new byte[128];
        var text = Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, Platform: GLNXA64, Created by: TinierHAR.MLNet fixtures");
        Array.Fill(header, (byte)' ', 0, 116);
        text.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(124), 0x0100);
        header[126] = (byte)'I';
        header[127] = (byte)'M';
        file.Write(header);
        foreach (var variable in variables)
        {
            var matrix = Matrix(variable, compactIntegers);
            if (!compress)
            {
                file.Write(matrix);
                continue;
            }
            using var deflated = new MemoryStream();
            using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
                zlib.Write(matrix);
            file.Write(Tag(MatDataType.Compressed, (int)deflated.Length));
            file.Write(deflated.ToArray());
        }
    }

    private static byte[] Matrix(MatArray variable, bool compactIntegers)
    {
        using var body = new MemoryStream();
        var flags = new byte[8];
        flags[0] = (byte)variable.Class;
        Padded(body, MatDataType.UInt32, flags);
        var dimensions = new byte[4 * variable.Dimensions.Length];
        for (var i = 0; i < variable.Dimensions.Length; i++)
            BinaryPrimitives.WriteInt32LittleEndian(dimensions.AsSpan(4 * i), variable.Dimensions[i]);
        Padded(body, MatDataType.Int32, dimensions);
        Padded(body, MatDataType.Int8, Encoding.ASCII.GetBytes(variable.Name));
        if (variable.Class == MatClass.Char)
        {
            var (rows, text) = (variable.Dimensions[0], (variable.Text ?? "").Replace("\n", ""));
            var columns = text.Length / Math.Max(1, rows);
            var codes = new byte[2 * text.Length];
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < columns; c++)
                    BinaryPrimitives.WriteUInt16LittleEndian(codes.AsSpan(2 * (c * rows + r)), text[r * columns + c]);
            Padded(body, MatDataType.UInt16, codes);
        }
        else if (compactIntegers && variable.Values.All(v => v is >= 0 and <= 255 && v == Math.Floor(v)))
        {
            Padded(body, MatDataType.UInt8, variable.Values.Select(v => (byte)v).ToArray());
        }
        else
        {
            var values = new byte[8 * variable.Values.Length];
            for (var i = 0; i < variable.Values.Length; i++)
                BinaryPrimitives.WriteDoubleLittleEndian(values.AsSpan(8 * i), variable.Values[i]);
            Padded(body, MatDataType.Double, values);
        }
        using var element = new MemoryStream();
        element.Write(Tag(MatDataType.Matrix, (int)body.Length));
        body.WriteTo(element);
        return element.ToArray();
    }

    private static byte[] Tag(MatDataType type, int size)
    {
        var tag = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(tag, (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(4), (uint)size);
        return tag;
    }

    /// <summary>A data element, in small-element form when it fits in four bytes (as MATLAB writes names), padded to 8 bytes.</summary>
    private static void Padded(Stream stream, MatDataType type, byte[] data)
    {
        if (data.Length is > 0 and <= 4)
        {
            var small = new byte[8];
            BinaryPrimitives.WriteUInt32LittleEndian(small, (uint)type | ((uint)data.Length << 16));
            data.CopyTo(small, 4);
            stream.Write(small);
            return;
        }
        stream.Write(Tag(type, data.Length));
        stream.Write(data);
        stream.Write(new byte[(8 - data.Length % 8) % 8]);
    }
}
