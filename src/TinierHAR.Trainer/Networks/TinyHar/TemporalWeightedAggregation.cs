using TinierHAR.Trainer.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>
/// TinyHAR's temporal aggregation: e_t = w2ᵀ·tanh(W1·h_t + b1), α = softmax over time,
/// out = h_T + γ·Σ_t α_t·h_t with γ learned from 0.
/// </summary>
internal sealed class TemporalWeightedAggregation : nn.Module<Tensor, Tensor>
{
    private readonly Parameter gamma;
    private readonly Linear fc_1;
    private readonly Linear fc_2;

    public TemporalWeightedAggregation(int features) : base(nameof(TemporalWeightedAggregation))
    {
        gamma = nn.Parameter(zeros(1));
        fc_1 = nn.Linear(features, features);
        fc_2 = nn.Linear(features, 1, hasBias: false);
        RegisterComponents();
    }

    /// <summary>Input (B, T, F), output (B, F).</summary>
    public override Tensor forward(Tensor x)
    {
        var weights = softmax(fc_2.forward(tanh(fc_1.forward(x))), 1);
        var context = (weights * x).sum(1);
        return x[.., -1, ..].Plus(gamma * context);
    }
}
