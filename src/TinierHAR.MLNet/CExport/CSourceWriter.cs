using System.Globalization;
using System.Text;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.CExport;

/// <summary>
/// Writes the constant arrays of a C model: float32 or int8 weights (one scale per row), float32 biases, and strings;
/// counts the bytes they take.
/// </summary>
internal sealed class CSourceWriter
{
    private const int ValuesPerLine = 8;
    private readonly StringBuilder text = new();

    public CSourceWriter(bool int8) => Int8 = int8;

    /// <summary>Whether weights are written as int8 with per-row scales.</summary>
    public bool Int8 { get; }

    /// <summary>Bytes of every array written so far.</summary>
    public int Bytes { get; private set; }

    public void Line(string line = "") => text.AppendLine(line);

    public override string ToString() => text.ToString();

    /// <summary>
    /// A weight matrix of <paramref name="rows"/> rows (type <c>th_w</c>), and in int8 its <c>_scale</c> array; returns
    /// the C expressions of the array and of its scales (<c>0</c>, a null pointer, in float32).
    /// </summary>
    public (string Values, string Scales) Weights(string name, float[] values, int rows)
    {
        if (!Int8)
        {
            Floats(name, values, "th_w");
            return (name, "0");
        }
        var (quantized, scales) = SymmetricInt8.PerChannel(values, [rows, values.Length / rows], axis: 0);
        Array(name, "th_w", quantized.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray());
        Bytes += quantized.Length;
        Floats(name + "_scale", scales);
        return (name, name + "_scale");
    }

    /// <summary>A float array.</summary>
    public string Floats(string name, float[] values, string type = "float")
    {
        Array(name, type, values.Select(Literal).ToArray());
        Bytes += 4 * values.Length;
        return name;
    }

    /// <summary>A C string literal of <paramref name="value"/>: printable ASCII as it is, every other UTF-8 byte in octal.</summary>
    public static string StringLiteral(string value)
    {
        var literal = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(value))
            literal.Append(b is >= 0x20 and < 0x7f && b != '"' && b != '\\' && b != '?' ? ((char)b).ToString() : $"\\{Convert.ToString(b, 8).PadLeft(3, '0')}");
        return literal.Append('"').ToString();
    }

    /// <summary>A float constant that reads back as the same float (nine significant digits).</summary>
    public static string Literal(float value)
    {
        if (!float.IsFinite(value))
            throw new InvalidDataException($"The model holds a weight of {value}; a C model needs finite weights.");
        var digits = value.ToString("G9", CultureInfo.InvariantCulture);
        return (digits.Contains('.', StringComparison.Ordinal) || digits.Contains('E', StringComparison.Ordinal) ? digits : digits + ".0") + "f";
    }

    private void Array(string name, string type, string[] values)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"static const {type} {name}[{values.Length}] = {{");
        for (var i = 0; i < values.Length; i += ValuesPerLine)
            text.Append("    ").AppendJoin(", ", values.Skip(i).Take(ValuesPerLine)).AppendLine(",");
        text.AppendLine("};");
    }
}
