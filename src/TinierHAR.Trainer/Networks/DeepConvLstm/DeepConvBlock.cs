using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>DeepConvLSTM block: valid (5,1) convolution → ReLU → valid (5,1) convolution with stride (2,1) → ReLU.</summary>
internal sealed class DeepConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;

    public DeepConvBlock(int inChannels, int filters, int kernelSize) : base(nameof(DeepConvBlock))
    {
        conv1 = nn.Conv2d(inChannels, filters, (kernelSize, 1));
        conv2 = nn.Conv2d(filters, filters, (kernelSize, 1), stride: (2, 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => nn.functional.relu(conv2.forward(nn.functional.relu(conv1.forward(x))));
}
