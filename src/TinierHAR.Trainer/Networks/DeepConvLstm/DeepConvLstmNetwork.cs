using TinierHAR.MLNet.Architectures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>
/// DeepConvLSTM as used by the TinierHAR authors. State-dict names as theirs: <c>conv_blocks.i.conv1/conv2</c>,
/// <c>lstm_layers.i.*</c>, <c>fc</c>.
/// </summary>
public sealed class DeepConvLstmNetwork : HarNetwork
{
    private readonly ModuleList<DeepConvBlock> conv_blocks;
    private readonly ModuleList<LSTM> lstm_layers;
    private readonly Dropout dropout;
    private readonly Linear fc;

    /// <summary>Creates DeepConvLSTM for windows of T x C and K classes.</summary>
    public DeepConvLstmNetwork(DeepConvLstmOptions options, int windowLength, int channels, int classes)
        : base(nameof(DeepConvLstmNetwork), options, windowLength, channels, classes)
    {
        conv_blocks = new ModuleList<DeepConvBlock>(Enumerable.Range(0, options.ConvBlocks)
            .Select(b => new DeepConvBlock(b == 0 ? 1 : options.Filters, options.Filters, DeepConvLstmOptions.KernelSize)).ToArray());
        lstm_layers = new ModuleList<LSTM>(Enumerable.Range(0, options.LstmLayers)
            .Select(l => nn.LSTM(l == 0 ? options.Filters * channels : options.LstmUnits, options.LstmUnits, batchFirst: true)).ToArray());
        dropout = nn.Dropout(options.Dropout);
        fc = nn.Linear(options.LstmUnits, classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input;
        foreach (var block in conv_blocks)
            x = block.forward(x);
        x = dropout.forward(x.permute(0, 2, 1, 3).reshape(x.shape[0], x.shape[2], -1));
        foreach (var layer in lstm_layers)
            x = layer.forward(x).Item1;
        return fc.forward(x[.., -1, ..]).MoveToOuterDisposeScope();
    }
}
