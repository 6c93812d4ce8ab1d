using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.CExport;

/// <summary>How <see cref="HarCExporter"/> writes a model as C.</summary>
public sealed class HarCExportOptions
{
    /// <summary>
    /// int8 weights with one symmetric scale per output channel (per row of every convolution, recurrent and dense
    /// matrix); activations, biases and the arithmetic stay float32. Off: float32 weights, equal to the ONNX model.
    /// </summary>
    public bool Int8Weights { get; set; }

    /// <summary>
    /// The normalisation the C model applies to raw windows before the network, as the bundle's scorer does. Default:
    /// the model's own when its graph normalises (the metadata says so); otherwise the C model takes the windows the ONNX
    /// model takes.
    /// </summary>
    public ChannelNormalization? Normalization { get; set; }
}
