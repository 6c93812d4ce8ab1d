using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Trainer.Training;

/// <summary>
/// A trained HAR model: the scoring chain of built-in transformers (ONNX model, arg-max, value-to-key) plus what
/// training learned about itself. Saving writes the chain, so <c>mlContext.Model.Load</c> returns that chain, which
/// scores without TorchSharp.
/// </summary>
public sealed class TinierHarModel : ChainBackedTransformer, IHarNetworkModel
{
    internal TinierHarModel(TransformerChain<ITransformer> chain, byte[] onnxModel, TrainingHistory history, HarModelMetadata metadata) : base(chain)
    {
        OnnxModel = onnxModel;
        History = history;
        Metadata = metadata;
    }

    /// <summary>The trained network as an ONNX model (write it out for edge devices).</summary>
    public byte[] OnnxModel { get; }

    /// <summary>Per-epoch losses, macro F1 and learning rate.</summary>
    public TrainingHistory History { get; }

    /// <summary>Architecture, window shape and class names.</summary>
    public HarModelMetadata Metadata { get; }
}
