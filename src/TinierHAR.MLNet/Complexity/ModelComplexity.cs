using TinierHAR.MLNet.Architectures;

namespace TinierHAR.MLNet.Complexity;

/// <summary>
/// Size and cost of a HAR network for one input window of T x C and K classes.
/// </summary>
/// <param name="Parameters">Trainable parameters.</param>
/// <param name="Macs">Multiply-accumulates in the convention of the authors' log (ptflops; see <see cref="ComplexityTally"/>).</param>
/// <param name="PlainMacs">Multiply-accumulates of convolutions, linear layers and recurrent matrices only.</param>
public sealed record ModelComplexity(long Parameters, long Macs, long PlainMacs)
{
    /// <summary>Size of the parameters stored as 32-bit floats.</summary>
    public long Float32SizeBytes => Parameters * sizeof(float);

    /// <summary>Computes the complexity of <paramref name="options"/> for windows of T x C and K classes.</summary>
    public static ModelComplexity Of(HarNetworkOptions options, int windowLength, int channels, int classes)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(windowLength, channels, classes);
        var tally = new ComplexityTally();
        switch (options)
        {
            case TinierHarOptions tinier: CountTinierHar(tally, tinier, windowLength, channels, classes); break;
            case TinyHarOptions tiny: CountTinyHar(tally, tiny, windowLength, channels, classes); break;
            case DeepConvLstmOptions deep: CountDeepConvLstm(tally, deep, windowLength, channels, classes); break;
            default: throw new ArgumentException($"Unknown architecture '{options.GetType().Name}'.", nameof(options));
        }
        return new ModelComplexity(tally.Parameters, tally.Macs, tally.PlainMacs);
    }

    private static void CountTinierHar(ComplexityTally tally, TinierHarOptions o, int t, int c, int k)
    {
        var f = o.Filters;
        foreach (var (cin, cout, pool) in TinierHarBlocks(o))
        {
            long positions = (long)t * c;
            if (o.Convolution == ConvolutionKind.DepthwiseSeparable)
            {
                tally.Conv2d(cin, cin, o.KernelSize, cin, positions);
                tally.Conv2d(cin, cout, 1, 1, positions);
            }
            else
            {
                tally.Conv2d(cin, cout, o.KernelSize, 1, positions);
            }
            tally.BatchNorm(cout, cout * positions);
            tally.Relu(cout * positions);
            if (pool) tally.MaxPool(cout * positions);
            if (o.ResidualShortcut)
            {
                if (cin != cout)
                {
                    tally.Conv2d(cin, cout, 1, 1, positions);
                    tally.BatchNorm(cout, cout * positions);
                }
                if (pool) tally.MaxPool(cout * positions);
            }
            if (pool) t /= 2;
        }

        var features = 2 * f * c;
        if (o.Recurrent != RecurrentKind.None)
        {
            var cell = o.Recurrent == RecurrentKind.Gru ? RecurrentCell.Gru : RecurrentCell.Lstm;
            tally.Recurrent(cell, features, o.RecurrentUnits, 1, o.Bidirectional, t);
        }
        var width = o.SequenceFeatures(c);
        if (o.Aggregation == TemporalAggregation.Attention)
            tally.Linear(width, 1, t);
        tally.Linear(width, k, 1);
    }

    /// <summary>The (in, out, pooled) plan of the TinierHAR blocks: two pooling blocks, then M extra blocks.</summary>
    public static IEnumerable<(int In, int Out, bool Pool)> TinierHarBlocks(TinierHarOptions o)
    {
        yield return (1, o.Filters, true);
        yield return (o.Filters, 2 * o.Filters, true);
        for (var i = 0; i < o.ExtraBlocks; i++)
            yield return (2 * o.Filters, 2 * o.Filters, false);
    }

    private static void CountTinyHar(ComplexityTally tally, TinyHarOptions o, int t, int c, int k)
    {
        var f = o.Filters;
        var cin = 1;
        for (var layer = 0; layer < TinyHarOptions.ConvLayers; layer++)
        {
            var stride = layer % 2 == 1 ? 2 : 1;
            t = (t - TinyHarOptions.KernelSize) / stride + 1;
            long elements = (long)f * t * c;
            tally.Conv2d(cin, f, TinyHarOptions.KernelSize, 1, (long)t * c);
            tally.Relu(elements);
            tally.BatchNorm(f, elements);
            cin = f;
        }

        // Cross-channel self-attention, run once per time step on a C x F matrix.
        tally.Scalar();
        for (var i = 0; i < 3; i++)
            tally.Linear(f, f, (long)c * t, bias: false);
        tally.BatchedMatMul((long)c * t, f, c);
        tally.Softmax((long)c * c * t);
        tally.BatchedMatMul((long)f * t, c, c);

        tally.Linear(c * f, 2 * f, t);
        tally.Relu(2L * f * t);
        tally.Recurrent(RecurrentCell.Lstm, 2 * f, 2 * f, 1, false, t);

        tally.Scalar();
        tally.Linear(2 * f, 2 * f, t);
        tally.Linear(2 * f, 1, t, bias: false);
        tally.Softmax(t);
        tally.Linear(2 * f, k, 1);
    }

    private static void CountDeepConvLstm(ComplexityTally tally, DeepConvLstmOptions o, int t, int c, int k)
    {
        var cin = 1;
        for (var block = 0; block < o.ConvBlocks; block++)
        {
            t -= DeepConvLstmOptions.KernelSize - 1;
            tally.Conv2d(cin, o.Filters, DeepConvLstmOptions.KernelSize, 1, (long)t * c);
            tally.Relu((long)o.Filters * t * c);
            t = (t - DeepConvLstmOptions.KernelSize) / 2 + 1;
            tally.Conv2d(o.Filters, o.Filters, DeepConvLstmOptions.KernelSize, 1, (long)t * c);
            tally.Relu((long)o.Filters * t * c);
            cin = o.Filters;
        }
        tally.Recurrent(RecurrentCell.Lstm, o.Filters * c, o.LstmUnits, o.LstmLayers, false, t);
        tally.Linear(o.LstmUnits, k, 1);
    }
}
