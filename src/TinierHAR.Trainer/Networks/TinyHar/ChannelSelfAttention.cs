using TinierHAR.Trainer.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>
/// TinyHAR's cross-channel self-attention, at every time step on the C x F matrix X: Q, K, V = X·Wq, X·Wk, X·Wv;
/// β = softmax(Q·Kᵀ) over the query index (no 1/√d scaling); out_j = X_j + γ·Σ_i β_ij·V_i with γ learned from 0.
/// All time steps are computed at once (the reference loops over them).
/// </summary>
internal sealed class ChannelSelfAttention : nn.Module<Tensor, Tensor>
{
    private readonly Parameter gamma;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;

    public ChannelSelfAttention(int filters) : base(nameof(ChannelSelfAttention))
    {
        gamma = nn.Parameter(zeros(1));
        query = nn.Linear(filters, filters, hasBias: false);
        key = nn.Linear(filters, filters, hasBias: false);
        value = nn.Linear(filters, filters, hasBias: false);
        RegisterComponents();
    }

    /// <summary>Input and output (B, T, C, F).</summary>
    public override Tensor forward(Tensor x)
    {
        var scores = query.forward(x).matmul(key.forward(x).transpose(-1, -2));
        var beta = softmax(scores, -2);
        return x.Plus(gamma * beta.transpose(-1, -2).matmul(value.forward(x)));
    }
}
