using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Normalization;

/// <summary>
/// A fitted channel normalisation: built-in transformers (a two-node ONNX graph through <c>ApplyOnnxModel</c>, then
/// a column copy) that <c>mlContext.Model.Save</c> keeps; saving writes that chain.
/// </summary>
public sealed class ChannelNormalizer : ITransformer
{
    internal ChannelNormalizer(TransformerChain<ITransformer> chain, ChannelNormalization statistics)
    {
        Chain = chain;
        Statistics = statistics;
    }

    /// <summary>The built-in transformers that apply the normalisation.</summary>
    public TransformerChain<ITransformer> Chain { get; }

    /// <summary>The per-channel mean and scale applied.</summary>
    public ChannelNormalization Statistics { get; }

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
