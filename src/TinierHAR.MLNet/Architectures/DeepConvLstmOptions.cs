namespace TinierHAR.MLNet.Architectures;

/// <summary>
/// DeepConvLSTM (Ordóñez and Roggen, 2016) as used by the TinierHAR authors: blocks of two valid (5,1)
/// convolutions (the second with stride 2) with ReLU, then an LSTM whose last time step feeds the classifier.
/// </summary>
public sealed class DeepConvLstmOptions : HarNetworkOptions
{
    /// <summary>Temporal kernel of the convolutions (fixed by the reference).</summary>
    public const int KernelSize = 5;

    /// <inheritdoc />
    public override string ArchitectureName => "deepconvlstm";

    /// <summary>Convolution blocks. Reference: 2.</summary>
    public int ConvBlocks { get; set; } = 2;

    /// <summary>Filters of every convolution. Reference: 64.</summary>
    public int Filters { get; set; } = 64;

    /// <summary>LSTM units. Reference: 128.</summary>
    public int LstmUnits { get; set; } = 128;

    /// <summary>Stacked LSTM layers. Reference: 1.</summary>
    public int LstmLayers { get; set; } = 1;

    /// <summary>Dropout before the LSTM (training only). Reference: 0.5.</summary>
    public double Dropout { get; set; } = 0.5;

    /// <summary>Time steps after the convolution blocks.</summary>
    public int ConvolvedLength(int windowLength)
    {
        var t = windowLength;
        for (var block = 0; block < ConvBlocks; block++)
        {
            t -= KernelSize - 1;
            t = t < KernelSize ? 0 : (t - KernelSize) / 2 + 1;
        }
        return t;
    }

    /// <inheritdoc />
    public override void Validate(int windowLength, int channels, int classes)
    {
        base.Validate(windowLength, channels, classes);
        OptionRules.Require(ConvBlocks >= 1, nameof(ConvBlocks), $"conv blocks must be at least 1 (got {ConvBlocks}).");
        OptionRules.Require(Filters >= 1, nameof(Filters), $"filters must be at least 1 (got {Filters}).");
        OptionRules.Require(LstmUnits >= 1, nameof(LstmUnits), $"LSTM units must be at least 1 (got {LstmUnits}).");
        OptionRules.Require(LstmLayers >= 1, nameof(LstmLayers), $"LSTM layers must be at least 1 (got {LstmLayers}).");
        OptionRules.Require(Dropout is >= 0 and < 1, nameof(Dropout), $"dropout must lie in [0, 1) (got {Dropout}).");
        OptionRules.Require(ConvolvedLength(windowLength) >= 1, nameof(windowLength),
            $"{ConvBlocks} conv block(s) of two valid (5,1) convolutions (second stride 2) need a longer window (got {windowLength}).");
    }
}
