using static TorchSharp.torch;

namespace TinierHAR.Trainer.Networks;

/// <summary>TinierHAR's MaxPool (2,1) over time on windows folded to (N·C, F, T).</summary>
internal static class TimePooling
{
    /// <summary>
    /// The maximum of each pair of time steps (an odd last step dropped, as MaxPool2d (2,1) drops it): the same values
    /// as <c>max_pool1d(x, 2, 2)</c> and, on ties, the same gradient (all to the first of the pair). libtorch's pooling
    /// kernel took about 1.4x the time of this reduction, forward and backward, at TinierHAR's shapes.
    /// </summary>
    public static Tensor MaxOfPairs(Tensor x)
    {
        var (rows, features, pairs) = (x.shape[0], x.shape[1], x.shape[2] / 2);
        var even = x.shape[2] % 2 == 0 ? x : x.narrow(2, 0, 2 * pairs);
        return even.reshape(rows, features, pairs, 2).max(-1).values;
    }
}
