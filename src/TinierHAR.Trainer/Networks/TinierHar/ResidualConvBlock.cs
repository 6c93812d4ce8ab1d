using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>
/// A TinierHAR block: (depthwise-separable or standard) convolution → BatchNorm → ReLU → [MaxPool (2,1)], plus a
/// shortcut (1x1 convolution and BatchNorm where the width changes, the same pooling) added to it.
/// State-dict names: <c>conv.0</c> (convolution), <c>conv.1</c> (BatchNorm), <c>F_shortcut.0/1</c>.
/// </summary>
internal sealed class ResidualConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv;
    private readonly nn.Module<Tensor, Tensor>? F_shortcut;
    private readonly bool residual;

    public ResidualConvBlock(int inChannels, int outChannels, bool pool, TinierHarOptions options) : base(nameof(ResidualConvBlock))
    {
        nn.Module<Tensor, Tensor> convolution = options.Convolution == ConvolutionKind.DepthwiseSeparable
            ? new DepthwiseSeparableConv(inChannels, outChannels, options.KernelSize)
            : nn.Conv2d(inChannels, outChannels, (options.KernelSize, 1), padding: (options.KernelSize / 2, 0));
        var main = new List<(string, nn.Module<Tensor, Tensor>)>
        {
            ("0", convolution), ("1", new HarBatchNorm2d(outChannels)), ("2", nn.ReLU()),
        };
        if (pool) main.Add(("3", MaxPool()));
        conv = nn.Sequential(main);
        register_module("conv", conv);

        residual = options.ResidualShortcut;
        if (residual)
        {
            var path = new List<(string, nn.Module<Tensor, Tensor>)>();
            if (inChannels != outChannels)
            {
                path.Add(("0", nn.Conv2d(inChannels, outChannels, (1, 1))));
                path.Add(("1", new HarBatchNorm2d(outChannels)));
            }
            if (pool) path.Add((path.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxPool()));
            if (path.Count > 0)
            {
                F_shortcut = nn.Sequential(path);
                register_module(nameof(F_shortcut), F_shortcut);
            }
        }
    }

    private static nn.Module<Tensor, Tensor> MaxPool() => nn.MaxPool2d(kernel_size: (2, 1), stride: (2, 1));

    public override Tensor forward(Tensor input)
    {
        // Intermediate tensors belong to the caller's dispose scope; no in-place add, autograd needs ReLU's output.
        var main = conv.forward(input);
        if (!residual)
            return main;
        return main.Plus(F_shortcut is null ? input : F_shortcut.forward(input));
    }
}
