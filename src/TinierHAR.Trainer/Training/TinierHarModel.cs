using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.Trainer.Training;

/// <summary>
/// A trained HAR model: the scoring chain of built-in transformers plus what training learned about itself (the
/// history, the ONNX model and its metadata). Saving writes the inner chain, so <c>mlContext.Model.Load</c> returns
/// that chain, which scores without TorchSharp.
/// </summary>
public sealed class TinierHarModel : ITransformer
{
    internal TinierHarModel(TransformerChain<ITransformer> chain, byte[] onnxModel, TrainingHistory history, HarModelMetadata metadata)
    {
        Chain = chain;
        OnnxModel = onnxModel;
        History = history;
        Metadata = metadata;
    }

    /// <summary>The built-in transformers that score: ONNX model, arg-max, value-to-key.</summary>
    public TransformerChain<ITransformer> Chain { get; }

    /// <summary>The trained network as an ONNX model (write it out for edge devices).</summary>
    public byte[] OnnxModel { get; }

    /// <summary>Per-epoch losses, macro F1 and learning rate.</summary>
    public TrainingHistory History { get; }

    /// <summary>Architecture, window shape and class names.</summary>
    public HarModelMetadata Metadata { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => ((ITransformer)Chain).IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => Chain.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => ((ITransformer)Chain).GetRowToRowMapper(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => Chain.Transform(input);

    /// <inheritdoc />
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)Chain).Save(ctx);
}
