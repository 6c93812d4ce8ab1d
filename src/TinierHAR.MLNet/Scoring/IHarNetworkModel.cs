using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// A fitted transformer that holds a trained HAR network as an ONNX model (the trainer's model): what
/// <see cref="HarModelBundle.Save"/> stores beside the ML.NET model so that a loaded bundle scores in batches.
/// </summary>
public interface IHarNetworkModel
{
    /// <summary>The trained network as an ONNX model (its input not normalised by the graph).</summary>
    byte[] OnnxModel { get; }

    /// <summary>Architecture, window shape and class names.</summary>
    HarModelMetadata Metadata { get; }
}
