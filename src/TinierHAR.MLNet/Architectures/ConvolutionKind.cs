namespace TinierHAR.MLNet.Architectures;

/// <summary>Convolution used in the TinierHAR blocks (an ablation switch of the paper).</summary>
public enum ConvolutionKind
{
    /// <summary>Depthwise (k,1) convolution followed by a pointwise 1x1 convolution: the paper's model.</summary>
    DepthwiseSeparable,
    /// <summary>One standard (k,1) convolution.</summary>
    Standard,
}
