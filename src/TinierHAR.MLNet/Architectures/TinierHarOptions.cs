namespace TinierHAR.MLNet.Architectures;

/// <summary>
/// TinierHAR (Bian et al., 2025): residual depthwise-separable convolution blocks, a bidirectional GRU and
/// temporal attention. The defaults are the paper's model (F=4, M=4, H=16, dropout 0.3, kernel 5).
/// </summary>
public sealed class TinierHarOptions : HarNetworkOptions
{
    /// <inheritdoc />
    public override string ArchitectureName => "tinierhar";

    /// <summary>Filters F of the first block; the other blocks use 2F. Paper: 4.</summary>
    public int Filters { get; set; } = 4;

    /// <summary>Extra blocks M (2F → 2F, no pooling) after the two pooling blocks. Paper: 4.</summary>
    public int ExtraBlocks { get; set; } = 4;

    /// <summary>Hidden units H of the recurrent layer per direction. Paper: 16.</summary>
    public int RecurrentUnits { get; set; } = 16;

    /// <summary>Dropout before the recurrent layer (training only). Paper: 0.3.</summary>
    public double Dropout { get; set; } = 0.3;

    /// <summary>Temporal kernel size of the convolutions; odd, so that "same" padding keeps the length. Paper: 5.</summary>
    public int KernelSize { get; set; } = 5;

    /// <summary>Residual shortcut around each block. Paper: on.</summary>
    public bool ResidualShortcut { get; set; } = true;

    /// <summary>Convolution kind of the blocks. Paper: depthwise-separable.</summary>
    public ConvolutionKind Convolution { get; set; } = ConvolutionKind.DepthwiseSeparable;

    /// <summary>Recurrent layer. Paper: GRU.</summary>
    public RecurrentKind Recurrent { get; set; } = RecurrentKind.Gru;

    /// <summary>Bidirectional recurrent layer. Paper: on.</summary>
    public bool Bidirectional { get; set; } = true;

    /// <summary>Temporal aggregation. Paper: attention.</summary>
    public TemporalAggregation Aggregation { get; set; } = TemporalAggregation.Attention;

    /// <summary>Time steps after the two pooling blocks: floor(floor(T/2)/2).</summary>
    public static int PooledLength(int windowLength) => windowLength / 2 / 2;

    /// <summary>Width of the per-time-step features that leave the recurrent layer (or the conv stack).</summary>
    public int SequenceFeatures(int channels) => Recurrent switch
    {
        RecurrentKind.None => 2 * Filters * channels,
        _ => (Bidirectional ? 2 : 1) * RecurrentUnits,
    };

    /// <inheritdoc />
    public override void Validate(int windowLength, int channels, int classes)
    {
        base.Validate(windowLength, channels, classes);
        OptionRules.Require(Filters >= 1, nameof(Filters), $"F must be at least 1 (got {Filters}).");
        OptionRules.Require(ExtraBlocks >= 0, nameof(ExtraBlocks), $"M must be at least 0 (got {ExtraBlocks}).");
        OptionRules.Require(RecurrentUnits >= 1, nameof(RecurrentUnits), $"H must be at least 1 (got {RecurrentUnits}).");
        OptionRules.Require(Dropout is >= 0 and < 1, nameof(Dropout), $"dropout must lie in [0, 1) (got {Dropout}).");
        OptionRules.Require(KernelSize >= 1 && KernelSize % 2 == 1, nameof(KernelSize), $"the kernel must be odd and at least 1 (got {KernelSize}).");
        OptionRules.Require(PooledLength(windowLength) >= 1, nameof(windowLength),
            $"the two (2,1) max-pools need a window of at least 4 samples (got {windowLength}).");
    }
}
