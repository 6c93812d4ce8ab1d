namespace TinierHAR.MLNet.Architectures;

/// <summary>
/// TinyHAR (Zhou et al., ISWC 2022) as re-run by the TinierHAR authors: four (5,1) convolutions (strides 1,2,1,2),
/// cross-channel self-attention, a fully connected channel fusion, an LSTM and temporal weighted aggregation.
/// </summary>
public sealed class TinyHarOptions : HarNetworkOptions
{
    /// <summary>Number of convolution layers (fixed by the reference).</summary>
    public const int ConvLayers = 4;

    /// <summary>Temporal kernel of the convolutions (fixed by the reference).</summary>
    public const int KernelSize = 5;

    /// <inheritdoc />
    public override string ArchitectureName => "tinyhar";

    /// <summary>Filters of every convolution (filter_num). The authors' re-run: 20.</summary>
    public int Filters { get; set; } = 20;

    /// <summary>Dropout after the cross-channel interaction (training only). Reference: 0.1.</summary>
    public double Dropout { get; set; } = 0.1;

    /// <summary>Time steps after the convolutions: valid (5,1) convolutions with strides 1, 2, 1, 2.</summary>
    public static int ConvolvedLength(int windowLength)
    {
        var t = windowLength;
        for (var layer = 0; layer < ConvLayers; layer++)
        {
            var stride = layer % 2 == 1 ? 2 : 1;
            t = t < KernelSize ? 0 : (t - KernelSize) / stride + 1;
        }
        return t;
    }

    /// <inheritdoc />
    public override void Validate(int windowLength, int channels, int classes)
    {
        base.Validate(windowLength, channels, classes);
        OptionRules.Require(Filters >= 1, nameof(Filters), $"filters must be at least 1 (got {Filters}).");
        OptionRules.Require(Dropout is >= 0 and < 1, nameof(Dropout), $"dropout must lie in [0, 1) (got {Dropout}).");
        OptionRules.Require(ConvolvedLength(windowLength) >= 1, nameof(windowLength),
            $"four valid (5,1) convolutions with strides 1,2,1,2 need a window of at least 25 samples (got {windowLength}).");
    }
}
