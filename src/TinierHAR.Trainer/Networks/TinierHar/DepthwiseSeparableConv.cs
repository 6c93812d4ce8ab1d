using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>A depthwise (k,1) convolution with "same" padding followed by a pointwise 1x1 convolution.</summary>
internal sealed class DepthwiseSeparableConv : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d depthwise;
    private readonly Conv2d pointwise;

    public DepthwiseSeparableConv(int inChannels, int outChannels, int kernelSize) : base(nameof(DepthwiseSeparableConv))
    {
        depthwise = nn.Conv2d(inChannels, inChannels, (kernelSize, 1), padding: (kernelSize / 2, 0), groups: inChannels);
        pointwise = nn.Conv2d(inChannels, outChannels, (1, 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        return pointwise.forward(depthwise.forward(input));
    }
}
