using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>
/// A TinierHAR block: (depthwise-separable or standard) convolution → BatchNorm → ReLU → [MaxPool (2,1)], plus a
/// shortcut (1x1 convolution and BatchNorm where the width changes, the same pooling) added to it. Runs on windows
/// folded to (N·C, F, T) (see <see cref="FoldedConv"/>); BatchNorm's statistics over (N·C, T) are those over (N, T, C).
/// State-dict names: <c>conv.0</c> (convolution), <c>conv.1</c> (BatchNorm), <c>F_shortcut.0/1</c>.
/// </summary>
internal sealed class ResidualConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> conv;
    private readonly nn.Module<Tensor, Tensor>? F_shortcut;
    private readonly Layers layers;
    private readonly bool residual;
    private readonly bool pool;
    private readonly int kernelSize;

    public ResidualConvBlock(int inChannels, int outChannels, bool pool, TinierHarOptions options) : base(nameof(ResidualConvBlock))
    {
        this.pool = pool;
        kernelSize = options.KernelSize;
        nn.Module<Tensor, Tensor> convolution = options.Convolution == ConvolutionKind.DepthwiseSeparable
            ? new DepthwiseSeparableConv(inChannels, outChannels, options.KernelSize)
            : nn.Conv2d(inChannels, outChannels, (options.KernelSize, 1), padding: (options.KernelSize / 2, 0));
        var norm = new HarBatchNorm2d(outChannels);
        var main = new List<(string, nn.Module<Tensor, Tensor>)> { ("0", convolution), ("1", norm), ("2", nn.ReLU()) };
        if (pool) main.Add(("3", nn.MaxPool2d(kernel_size: (2, 1), stride: (2, 1))));
        conv = nn.Sequential(main);
        register_module("conv", conv);

        Conv2d? shortcutConvolution = null;
        HarBatchNorm2d? shortcutNorm = null;
        residual = options.ResidualShortcut;
        if (residual)
        {
            var path = new List<(string, nn.Module<Tensor, Tensor>)>();
            if (inChannels != outChannels)
            {
                shortcutConvolution = nn.Conv2d(inChannels, outChannels, (1, 1));
                shortcutNorm = new HarBatchNorm2d(outChannels);
                path.Add(("0", shortcutConvolution));
                path.Add(("1", shortcutNorm));
            }
            if (pool) path.Add((path.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), nn.MaxPool2d(kernel_size: (2, 1), stride: (2, 1))));
            if (path.Count > 0)
            {
                F_shortcut = nn.Sequential(path);
                register_module(nameof(F_shortcut), F_shortcut);
            }
        }
        layers = new Layers(convolution, norm, shortcutConvolution, shortcutNorm);
    }

    /// <summary>The layers the folded forward calls, held outside TorchSharp's module registry (which registers
    /// module-typed fields) so that the state-dict names stay the authors' <c>conv.*</c> and <c>F_shortcut.*</c>.</summary>
    private sealed record Layers(nn.Module<Tensor, Tensor> Convolution, HarBatchNorm2d Norm, Conv2d? ShortcutConvolution, HarBatchNorm2d? ShortcutNorm);

    /// <summary>On windows folded to (N·C, F, T). Intermediate tensors belong to the caller's dispose scope; no
    /// in-place add, autograd needs ReLU's output.</summary>
    public override Tensor forward(Tensor input)
    {
        var main = layers.Convolution is Conv2d plain
            ? FoldedConv.Apply(plain, input, kernelSize / 2, groups: 1)
            : layers.Convolution.forward(input);
        main = Pooled(nn.functional.relu(layers.Norm.forward(main)));
        if (!residual)
            return main;
        var shortcut = layers.ShortcutConvolution is null ? input
            : layers.ShortcutNorm!.forward(FoldedConv.Apply(layers.ShortcutConvolution, input, padding: 0, groups: 1));
        return main.Plus(Pooled(shortcut));
    }

    private Tensor Pooled(Tensor x) => pool ? TimePooling.MaxOfPairs(x) : x;
}
