using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Native;
using TorchSharp;
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
