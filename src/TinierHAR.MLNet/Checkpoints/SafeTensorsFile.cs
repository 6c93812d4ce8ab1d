using System.Buffers.Binary;
using System.Text.Json;

namespace TinierHAR.MLNet.Checkpoints;

/// <summary>
/// Reads a <c>.safetensors</c> file (8-byte little-endian header length, a JSON header
/// <c>{name: {dtype, shape, data_offsets}}</c>, then raw little-endian data) into float tensors, without TorchSharp.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>Reads every tensor of <paramref name="path"/>; F32, F64, F16, BF16, I64, I32 and BOOL become floats.</summary>
    public static Dictionary<string, WeightTensor> Read(string path) =>
        ReadExact(path).ToDictionary(e => e.Key, e => new WeightTensor(e.Value.Shape, Array.ConvertAll(e.Value.Values, v => (float)v)), StringComparer.Ordinal);

    /// <summary>Reads the tensors of a <c>.safetensors</c> image; <paramref name="source"/> names it in errors.</summary>
    public static Dictionary<string, WeightTensor> Read(byte[] image, string source) =>
        ReadExact(image, source).ToDictionary(e => e.Key, e => new WeightTensor(e.Value.Shape, Array.ConvertAll(e.Value.Values, v => (float)v)), StringComparer.Ordinal);

    /// <summary>Every tensor of <paramref name="path"/> as doubles, which hold each supported dtype exactly (float64
    /// checkpoints and training fixtures need all their bits).</summary>
    public static Dictionary<string, (long[] Shape, double[] Values)> ReadExact(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        return ReadExact(File.ReadAllBytes(path), path);
    }

    private static Dictionary<string, (long[] Shape, double[] Values)> ReadExact(byte[] image, string source)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Length < 8)
            throw new InvalidDataException($"'{source}' is not a safetensors file: shorter than its 8-byte header length.");
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(image);
        if (headerLength > (ulong)(image.Length - 8))
            throw new InvalidDataException($"'{source}' is not a safetensors file (or is truncated): header length {headerLength} exceeds the file.");
        JsonDocument header;
        try
        {
            header = JsonDocument.Parse(image.AsMemory(8, (int)headerLength));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{source}' is not a safetensors file: its header is not JSON ({e.Message}).", e);
        }

        var data = image.AsSpan(8 + (int)headerLength);
        var tensors = new Dictionary<string, (long[], double[])>(StringComparer.Ordinal);
        using (header)
        {
            foreach (var entry in header.RootElement.EnumerateObject())
            {
                if (entry.Name == "__metadata__")
                    continue;
                var dtype = entry.Value.GetProperty("dtype").GetString()!;
                var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
                if (offsets[1] > data.Length || offsets[0] > offsets[1])
                    throw new InvalidDataException($"'{source}': tensor '{entry.Name}' lies outside the file (truncated?).");
                var bytes = data[(int)offsets[0]..(int)offsets[1]];
                tensors.Add(entry.Name, (shape, Decode(bytes, dtype, entry.Name, source)));
            }
        }
        return tensors;
    }

    private static double[] Decode(ReadOnlySpan<byte> bytes, string dtype, string name, string source)
    {
        var size = dtype switch
        {
            "F64" or "I64" => 8,
            "F32" or "I32" => 4,
            "F16" or "BF16" => 2,
            "BOOL" or "U8" => 1,
            _ => throw new InvalidDataException($"'{source}': tensor '{name}' has unsupported dtype '{dtype}'."),
        };
        var values = new double[bytes.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            var at = bytes[(i * size)..];
            values[i] = dtype switch
            {
                "F32" => BinaryPrimitives.ReadSingleLittleEndian(at),
                "F64" => BinaryPrimitives.ReadDoubleLittleEndian(at),
                "F16" => (float)BinaryPrimitives.ReadHalfLittleEndian(at),
                "BF16" => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(at) << 16),
                "I64" => BinaryPrimitives.ReadInt64LittleEndian(at),
                "I32" => BinaryPrimitives.ReadInt32LittleEndian(at),
                _ => at[0],
            };
        }
        return values;
    }
}
