using Microsoft.ML;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Normalization;

/// <summary>
/// Options of per-channel z-score normalisation of windows: <c>x' = (x − mean) / (std + ε)</c> with the sample standard
/// deviation, fitted on the training windows (default), on sample rows (the paper fits on every row of the training
/// subjects), or given.
/// </summary>
public sealed class ChannelNormalizingOptions
{
    /// <summary>The window column (<c>Vector&lt;Single, T, C&gt;</c>), normalised in place.</summary>
    public string ColumnName { get; set; } = "Features";

    /// <summary>Sample rows to fit on instead of the windows (with <see cref="SampleChannelColumnNames"/>).</summary>
    public IDataView? Samples { get; set; }

    /// <summary>The channel columns of <see cref="Samples"/>, in channel order.</summary>
    public IReadOnlyList<string> SampleChannelColumnNames { get; set; } = [];

    /// <summary>Statistics given explicitly: nothing is fitted.</summary>
    public ChannelNormalization? Statistics { get; set; }

    /// <summary>Added to each standard deviation (the authors' <c>std + eps</c>); guards constant channels.</summary>
    public float Epsilon { get; set; } = 1e-8f;
}
