using TinierHAR.MLNet.Architectures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>
/// TinyHAR (Zhou et al., ISWC 2022) as re-run by the TinierHAR authors. State-dict names as theirs:
/// <c>layers_conv.i.{0,2}</c>, <c>channel_interaction.*</c>, <c>channel_fusion.fc</c>,
/// <c>temporal_interaction.lstm</c>, <c>temporal_fusion.*</c>, <c>prediction</c>.
/// </summary>
public sealed class TinyHarNetwork : HarNetwork
{
    private readonly ModuleList<Sequential> layers_conv;
    private readonly ChannelSelfAttention channel_interaction;
    private readonly ChannelFusion channel_fusion;
    private readonly TemporalLstm temporal_interaction;
    private readonly Dropout dropout;
    private readonly TemporalWeightedAggregation temporal_fusion;
    private readonly Linear prediction;

    /// <summary>Creates TinyHAR for windows of T x C and K classes.</summary>
    public TinyHarNetwork(TinyHarOptions options, int windowLength, int channels, int classes)
        : base(nameof(TinyHarNetwork), options, windowLength, channels, classes)
    {
        var f = options.Filters;
        layers_conv = new ModuleList<Sequential>(Enumerable.Range(0, TinyHarOptions.ConvLayers).Select(layer => nn.Sequential(
            ("0", nn.Conv2d(layer == 0 ? 1 : f, f, (TinyHarOptions.KernelSize, 1), stride: (layer % 2 == 1 ? 2 : 1, 1))),
            ("1", nn.ReLU()),
            ("2", new HarBatchNorm2d(f)))).ToArray());
        channel_interaction = new ChannelSelfAttention(f);
        channel_fusion = new ChannelFusion(channels * f, 2 * f);
        temporal_interaction = new TemporalLstm(2 * f);
        dropout = nn.Dropout(options.Dropout);
        temporal_fusion = new TemporalWeightedAggregation(2 * f);
        prediction = nn.Linear(2 * f, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var layer in layers_conv)
            x = layer.forward(x);

        // (B, F, T*, C) → (B, T*, C, F): attention across channels at each step, then C·F features per step.
        x = channel_interaction.forward(x.permute(0, 2, 3, 1));
        x = dropout.forward(x);
        x = x.reshape(x.shape[0], x.shape[1], -1);
        x = nn.functional.relu(channel_fusion.forward(x));
        x = temporal_interaction.forward(x);
        x = temporal_fusion.forward(x);
        return prediction.forward(x).MoveToOuterDisposeScope();
    }
}
