using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>
/// TinierHAR: residual convolution blocks over time (weights shared across sensor channels), channels flattened per
/// time step, a (bi)GRU, temporal attention and a linear classifier; with the paper's ablation switches.
/// State-dict names as the authors': <c>conv_blocks.i.*</c>, <c>gru.*</c> (or <c>lstm.*</c>), <c>attention.*</c>,
/// <c>classifier.0.*</c>.
/// </summary>
public sealed class TinierHarNetwork : HarNetwork
{
    private readonly ModuleList<ResidualConvBlock> conv_blocks;
    private readonly Dropout dropout;
    private readonly GRU? gru;
    private readonly LSTM? lstm;
    private readonly Linear? attention;
    private readonly Sequential classifier;
    private readonly TinierHarOptions options;

    /// <summary>Creates TinierHAR for windows of T x C and K classes.</summary>
    public TinierHarNetwork(TinierHarOptions options, int windowLength, int channels, int classes)
        : base(nameof(TinierHarNetwork), options, windowLength, channels, classes)
    {
        this.options = options;
        conv_blocks = new ModuleList<ResidualConvBlock>(ModelComplexity.TinierHarBlocks(options)
            .Select(b => new ResidualConvBlock(b.In, b.Out, b.Pool, options)).ToArray());
        register_module(nameof(conv_blocks), conv_blocks);
        dropout = nn.Dropout(options.Dropout);
        register_module(nameof(dropout), dropout);

        var features = 2 * options.Filters * channels;
        switch (options.Recurrent)
        {
            case RecurrentKind.Gru:
                gru = nn.GRU(features, options.RecurrentUnits, batchFirst: true, bidirectional: options.Bidirectional);
                register_module(nameof(gru), gru);
                break;
            case RecurrentKind.Lstm:
                lstm = nn.LSTM(features, options.RecurrentUnits, batchFirst: true, bidirectional: options.Bidirectional);
                register_module(nameof(lstm), lstm);
                break;
        }

        var width = options.SequenceFeatures(channels);
        if (options.Aggregation == TemporalAggregation.Attention)
        {
            attention = nn.Linear(width, 1);
            register_module(nameof(attention), attention);
        }
        classifier = nn.Sequential(("0", nn.Linear(width, classes)));
        register_module(nameof(classifier), classifier);
        SizingPass(windowLength, channels);
    }

    /// <summary>
    /// The authors' constructor runs one random window through the convolution blocks, in training mode, to size the
    /// GRU; that moves every BatchNorm's running statistics once (and counts one batch). Done here too, so that a new
    /// network's buffers and the random stream after construction are the authors'.
    /// </summary>
    private void SizingPass(int windowLength, int channels)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = Fold(randn(1, 1, windowLength, channels));
        foreach (var block in conv_blocks)
            x = block.forward(x);
    }

    /// <summary>(B, 1, T, C) windows → (B·C, 1, T): each sensor channel a sequence of its own (see <see cref="FoldedConv"/>).</summary>
    private static Tensor Fold(Tensor input) => input.permute(0, 3, 1, 2).reshape(-1, input.shape[1], input.shape[2]);

    /// <summary>The attention's bias adds one constant to every time step's score before the softmax over time.</summary>
    private protected override IEnumerable<string> SoftmaxCancelledBiases => attention is null ? [] : ["attention.bias"];

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = Fold(input);
        foreach (var block in conv_blocks)
            x = block.forward(x);

        // (B·C, 2F, T') → (B, C, 2F, T') → (B, T', 2F, C) → (B, T', 2F·C): feature index f·C + c, as the authors' permute of (B, 2F, T', C).
        var (batch, channels, time) = (input.shape[0], input.shape[3], x.shape[2]);
        x = dropout.forward(x.reshape(batch, channels, -1, time).permute(0, 3, 2, 1).reshape(batch, time, -1));
        if (gru is not null)
            x = gru.forward(x).Item1;
        else if (lstm is not null)
            x = lstm.forward(x).Item1;

        x = options.Aggregation switch
        {
            TemporalAggregation.Attention => (softmax(attention!.forward(x), 1) * x).sum(1),
            TemporalAggregation.LastStep => x[.., -1, ..],
            _ => x.mean(new long[] { 1 }),
        };
        return classifier.forward(x).MoveToOuterDisposeScope();
    }
}
