namespace TinierHAR.MLNet.Architectures;

/// <summary>How the per-time-step features are reduced to one vector (an ablation switch of the paper).</summary>
public enum TemporalAggregation
{
    /// <summary>Learned attention weights (softmax over time) and a weighted sum: the paper's model.</summary>
    Attention,
    /// <summary>The features at the final time index (<c>output[:, -1]</c>).</summary>
    LastStep,
    /// <summary>The mean over time.</summary>
    Mean,
}
