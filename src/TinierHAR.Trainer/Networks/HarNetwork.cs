using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>
/// A HAR network: windows <c>(B, 1, T, C)</c> in, K logits out. Module and parameter names equal the state-dict
/// names of the authors' PyTorch code, so their checkpoints load unchanged.
/// </summary>
public abstract class HarNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Creates the module after checking the options and making sure TorchSharp can load.</summary>
    protected HarNetwork(string name, HarNetworkOptions options, int windowLength, int channels, int classes)
        : base(Prepared(name, options, windowLength, channels, classes))
    {
        Options = options;
        WindowLength = windowLength;
        Channels = channels;
        Classes = classes;
    }

    /// <summary>The architecture and its options.</summary>
    public HarNetworkOptions Options { get; }

    /// <summary>Window length T.</summary>
    public int WindowLength { get; }

    /// <summary>Sensor channels C.</summary>
    public int Channels { get; }

    /// <summary>Classes K.</summary>
    public int Classes { get; }

    /// <summary>Number of trainable parameters.</summary>
    public long ParameterCount => parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>
    /// The biases whose true gradient is exactly zero in training mode because a later layer cancels any constant
    /// they add: those of a convolution (plain or depthwise-separable) that feeds a BatchNorm, which subtracts each
    /// channel's batch mean, plus what a network adds (<see cref="SoftmaxCancelledBiases"/>). In float64 their
    /// computed gradient is rounding noise far below AdamW's ε, so they stay put; in float32 the noise is comparable
    /// to ε and AdamW turns it into random steps of about the learning rate.
    /// </summary>
    internal IReadOnlyList<(string Name, Parameter Bias)> CancelledBiases()
    {
        var biases = new List<(string, Parameter)>();
        foreach (var (path, module) in named_modules())
        {
            if (module is not Sequential sequence)
                continue;
            var children = sequence.named_children().ToList();
            for (var i = 1; i < children.Count; i++)
            {
                if (children[i].module is not HarBatchNorm2d || children[i - 1].module is not (Conv2d or DepthwiseSeparableConv))
                    continue;
                biases.AddRange(children[i - 1].module.named_parameters()
                    .Where(p => p.name == "bias" || p.name.EndsWith(".bias", StringComparison.Ordinal))
                    .Select(p => ($"{path}.{children[i - 1].name}.{p.name}", p.parameter)));
            }
        }
        var all = named_parameters().ToDictionary(p => p.name, p => p.parameter);
        biases.AddRange(SoftmaxCancelledBiases.Select(name => (name, all[name])));
        return biases;
    }

    /// <summary>Biases of scores that a softmax normalises over the positions they are constant on (a softmax is
    /// invariant to a shift of all its inputs), by state-dict name.</summary>
    private protected virtual IEnumerable<string> SoftmaxCancelledBiases => [];

    /// <summary>Builds the network described by <paramref name="options"/> for windows of T x C and K classes.</summary>
    public static HarNetwork Create(HarNetworkOptions options, int windowLength, int channels, int classes) => options switch
    {
        TinierHarOptions o => new TinierHarNetwork(o, windowLength, channels, classes),
        TinyHarOptions o => new TinyHarNetwork(o, windowLength, channels, classes),
        DeepConvLstmOptions o => new DeepConvLstmNetwork(o, windowLength, channels, classes),
        null => throw new ArgumentNullException(nameof(options)),
        _ => throw new ArgumentException($"Unknown architecture '{options.GetType().Name}'.", nameof(options)),
    };

    private static string Prepared(string name, HarNetworkOptions options, int windowLength, int channels, int classes)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(windowLength, channels, classes);
        TorchSharpRuntime.EnsureLoaded();
        return name;
    }
}
