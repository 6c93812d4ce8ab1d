using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>A depthwise (k,1) convolution with "same" padding followed by a pointwise 1x1 convolution.</summary>
internal sealed class DepthwiseSeparableConv : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d depthwise;
    private readonly Conv2d pointwise;
    private readonly int inChannels;
    private readonly int kernelSize;

    public DepthwiseSeparableConv(int inChannels, int outChannels, int kernelSize) : base(nameof(DepthwiseSeparableConv))
    {
        this.inChannels = inChannels;
        this.kernelSize = kernelSize;
        depthwise = nn.Conv2d(inChannels, inChannels, (kernelSize, 1), padding: (kernelSize / 2, 0), groups: inChannels);
        pointwise = nn.Conv2d(inChannels, outChannels, (1, 1));
        RegisterComponents();
    }

    /// <summary>On windows folded to (N·C, F, T): the same convolutions as 1-D ones over time.</summary>
    public override Tensor forward(Tensor input) =>
        FoldedConv.Apply(pointwise, FoldedConv.Apply(depthwise, input, kernelSize / 2, inChannels), padding: 0, groups: 1);
}
