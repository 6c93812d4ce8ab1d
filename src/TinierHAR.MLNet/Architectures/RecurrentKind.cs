namespace TinierHAR.MLNet.Architectures;

/// <summary>Recurrent layer after the convolution stack (an ablation switch of the paper).</summary>
public enum RecurrentKind
{
    /// <summary>GRU: the paper's model.</summary>
    Gru,
    /// <summary>LSTM.</summary>
    Lstm,
    /// <summary>No recurrent layer: the aggregation runs on the flattened convolution features.</summary>
    None,
}
