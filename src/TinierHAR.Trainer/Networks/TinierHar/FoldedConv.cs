using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>
/// TinierHAR's (k,1) convolutions never mix sensor channels, so on windows folded to (N·C, F, T) they are 1-D
/// convolutions over time with the same weights (a view without the trailing 1): the time axis becomes the
/// contiguous one, which libtorch's CPU kernels run about twice as fast as (k,1) kernels over (N, F, T, C).
/// </summary>
internal static class FoldedConv
{
    /// <summary><paramref name="conv"/>'s weights and bias applied as a 1-D convolution with the given padding and groups.</summary>
    public static Tensor Apply(Conv2d conv, Tensor input, long padding, long groups)
    {
        using var weight = conv.weight!.squeeze(-1);
        return nn.functional.conv1d(input, weight, conv.bias, padding: padding, groups: groups);
    }
}
