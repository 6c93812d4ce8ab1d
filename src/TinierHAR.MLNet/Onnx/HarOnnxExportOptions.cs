namespace TinierHAR.MLNet.Onnx;

/// <summary>What an exported model carries besides the network: names, timing and an optional folded normalisation.</summary>
public sealed class HarOnnxExportOptions
{
    /// <summary>Class names in output order; default "0", "1", … (K of them).</summary>
    public IReadOnlyList<string>? ClassNames { get; set; }

    /// <summary>Channel names in input order, when known.</summary>
    public IReadOnlyList<string>? ChannelNames { get; set; }

    /// <summary>Sampling rate in Hz, when known.</summary>
    public double? SamplingRateHz { get; set; }

    /// <summary>Step between window starts in samples, when known.</summary>
    public int? WindowStep { get; set; }

    /// <summary>Per-channel normalisation recorded in the metadata.</summary>
    public ChannelNormalization? Normalization { get; set; }

    /// <summary>
    /// Apply <see cref="Normalization"/> as the graph's first nodes, so that the model takes raw sensor windows (the
    /// stand-alone file for edge devices). Off: the model expects normalised windows.
    /// </summary>
    public bool FoldNormalization { get; set; }
}
