using System.Globalization;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Checkpoints;

namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// Writes a HAR network, given its options and a PyTorch-named state dict, as an ONNX model for ML.NET's
/// OnnxTransformer and ONNX Runtime: opset 17, IR 8, eval graph (BatchNorm folded where it follows a convolution,
/// dropout gone), input <c>Features</c> float [N, T, C] (time-major windows), outputs <c>Score</c> (softmax) and
/// <c>Logits</c>, both [N, K], with the class names as the Score column's slot names and the metadata of
/// <see cref="HarModelMetadata"/>.
/// </summary>
public static class HarOnnxModelWriter
{
    /// <summary>Name of the model's input.</summary>
    public const string FeaturesName = "Features";

    /// <summary>Name of the softmax output.</summary>
    public const string ScoreName = "Score";

    /// <summary>Name of the logits output.</summary>
    public const string LogitsName = "Logits";

    /// <summary>Builds the ONNX model image.</summary>
    public static byte[] Write(HarNetworkOptions network, int windowLength, int channels, int classes,
        IReadOnlyDictionary<string, WeightTensor> stateDict, HarOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stateDict);
        network.Validate(windowLength, channels, classes);
        options ??= new HarOnnxExportOptions();
        var classNames = options.ClassNames ?? Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        OptionRules.Require(classNames.Count == classes, nameof(options.ClassNames), $"{classNames.Count} names for {classes} classes.");
        OptionRules.Require(options.ChannelNames is null || options.ChannelNames.Count == channels, nameof(options.ChannelNames), $"{options.ChannelNames?.Count} names for {channels} channels.");
        OptionRules.Require(!options.FoldNormalization || options.Normalization is not null, nameof(options.FoldNormalization), "no Normalization to fold.");
        options.Normalization?.Validate(channels);

        var g = new OnnxGraphBuilder(network.ArchitectureName);
        var sd = new StateDictReader(stateDict);
        g.Input(FeaturesName, null, windowLength, channels);
        var x = FeaturesName;
        if (options.FoldNormalization)
            x = OnnxLayers.Normalize(g, x, options.Normalization!, channels);

        var logits = network switch
        {
            TinierHarOptions o => TinierHarOnnxGraph.Emit(g, sd, o, windowLength, channels, classes, x),
            TinyHarOptions o => TinyHarOnnxGraph.Emit(g, sd, o, channels, classes, OnnxLayers.Image(g, x)),
            DeepConvLstmOptions o => DeepConvLstmOnnxGraph.Emit(g, sd, o, channels, classes, OnnxLayers.Image(g, x)),
            _ => throw new ArgumentException($"Unknown architecture '{network.GetType().Name}'.", nameof(network)),
        };
        sd.EnsureAllUsed();

        g.Node("Identity", [logits], LogitsName);
        g.Node("Softmax", [logits], ScoreName, ("axis", 1L));
        g.Output(ScoreName, null, classes);
        g.Output(LogitsName, null, classes);
        g.SlotNames(ScoreName, classNames);

        var metadata = new HarModelMetadata
        {
            Network = network,
            WindowLength = windowLength,
            Channels = channels,
            ClassNames = classNames,
            ChannelNames = options.ChannelNames,
            SamplingRateHz = options.SamplingRateHz,
            WindowStep = options.WindowStep,
            Normalization = options.Normalization,
            NormalizationInGraph = options.FoldNormalization,
        };
        return g.ToBytes(metadata.ToProperties());
    }

    /// <summary>
    /// The two-node graph (Sub, Div) of a per-channel normalisation on windows [N, T, C], from
    /// <paramref name="inputName"/> to <paramref name="outputName"/>: how ML.NET keeps the normaliser in a saved model.
    /// </summary>
    public static byte[] WriteNormalization(int windowLength, int channels, ChannelNormalization normalization, string inputName, string outputName)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        normalization.Validate(channels);
        var g = new OnnxGraphBuilder("channel_normalization");
        g.Input(inputName, null, windowLength, channels);
        OnnxLayers.Normalize(g, inputName, normalization, channels, outputName);
        g.Output(outputName, null, windowLength, channels);
        return g.ToBytes([]);
    }
}
