using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.MLNet.Normalization;

/// <summary>
/// A fitted channel normalisation: built-in transformers (a two-node ONNX graph through <c>ApplyOnnxModel</c>, then
/// a column copy) that <c>mlContext.Model.Save</c> keeps.
/// </summary>
public sealed class ChannelNormalizer : ChainBackedTransformer
{
    internal ChannelNormalizer(TransformerChain<ITransformer> chain, ChannelNormalization statistics) : base(chain) => Statistics = statistics;

    /// <summary>The per-channel mean and scale applied.</summary>
    public ChannelNormalization Statistics { get; }
}
