using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>TinyHAR's temporal interaction: a one-layer, batch-first LSTM (name <c>lstm</c>) returning every step.</summary>
internal sealed class TemporalLstm : nn.Module<Tensor, Tensor>
{
    private readonly LSTM lstm;

    public TemporalLstm(int features) : base(nameof(TemporalLstm))
    {
        lstm = nn.LSTM(features, features, batchFirst: true);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => lstm.forward(x).Item1;
}
