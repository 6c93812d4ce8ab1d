namespace TinierHAR.MLNet.CExport;

/// <summary>
/// A HAR model as C99 source: <see cref="HeaderFileName"/> (the window shape <c>TINIERHAR_T</c> × <c>TINIERHAR_C</c>,
/// <c>TINIERHAR_K</c> classes, their names and the work buffer's size) and <see cref="SourceFileName"/> with
/// <c>int tinierhar_predict(const float *window, float *probabilities)</c>.
/// </summary>
public sealed class HarCModel
{
    /// <summary>Name of the header file.</summary>
    public const string HeaderFileName = "tinierhar_model.h";

    /// <summary>Name of the source file.</summary>
    public const string SourceFileName = "tinierhar_model.c";

    internal HarCModel(string header, string source, int weightBytes, int workBufferBytes)
    {
        Header = header;
        Source = source;
        WeightBytes = weightBytes;
        WorkBufferBytes = workBufferBytes;
    }

    /// <summary>The header's text.</summary>
    public string Header { get; }

    /// <summary>The source's text.</summary>
    public string Source { get; }

    /// <summary>Bytes of the constant weight, scale and bias arrays (what goes to flash besides the code).</summary>
    public int WeightBytes { get; }

    /// <summary>Bytes of the static work buffer (the activations).</summary>
    public int WorkBufferBytes { get; }

    /// <summary>Writes both files into <paramref name="directory"/> (created if needed) and returns their paths.</summary>
    public IReadOnlyList<string> WriteTo(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (File.Exists(directory))
            throw new IOException($"'{directory}' is a file; the C model needs a folder.");
        Directory.CreateDirectory(directory);
        var header = Path.Combine(directory, HeaderFileName);
        var source = Path.Combine(directory, SourceFileName);
        File.WriteAllText(header, Header);
        File.WriteAllText(source, Source);
        return [header, source];
    }
}
