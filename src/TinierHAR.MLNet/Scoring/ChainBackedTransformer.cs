using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// A fitted component of ours that is, underneath, a chain of built-in ML.NET transformers: it forwards scoring to
/// the chain and saves the chain, so that <c>mlContext.Model.Save</c> works and <c>Load</c> returns that chain.
/// Disposing it disposes the chain: ML.NET's OnnxTransformer keeps its model in a temporary file until then.
/// </summary>
public abstract class ChainBackedTransformer : ITransformer, IDisposable
{
    /// <summary>Wraps <paramref name="chain"/>.</summary>
    protected ChainBackedTransformer(TransformerChain<ITransformer> chain) => Chain = chain;

    /// <summary>The built-in transformers that do the work.</summary>
    public TransformerChain<ITransformer> Chain { get; }

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

    /// <summary>Disposes the chain, which deletes the temporary model files of its ONNX transformers.</summary>
    public void Dispose()
    {
        Chain.Dispose();
        GC.SuppressFinalize(this);
    }
}
