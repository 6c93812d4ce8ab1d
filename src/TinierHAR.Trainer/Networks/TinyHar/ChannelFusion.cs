using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>TinyHAR's cross-channel fusion: one linear layer over the C·F features of a time step (name <c>fc</c>).</summary>
internal sealed class ChannelFusion : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc;

    public ChannelFusion(int inFeatures, int outFeatures) : base(nameof(ChannelFusion))
    {
        fc = nn.Linear(inFeatures, outFeatures);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => fc.forward(x);
}
