using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;
using TinierHAR.Trainer.Networks;

namespace TinierHAR.Trainer.Tests.Networks;

[TestClass]
public sealed class ParameterCountTests
{
    /// <summary>
    /// TinierHAR parameters in closed form, derived by hand from the layer list (kernel k, F, M, H, C, K):
    /// block 1→F, block F→2F, M blocks 2F→2F (each conv with bias, BN 2 per channel), recurrent layer, aggregation,
    /// classifier.
    /// </summary>
    private static long TinierHarFormula(TinierHarOptions o, int c, int k)
    {
        long f = o.Filters, m = o.ExtraBlocks, h = o.RecurrentUnits, kernel = o.KernelSize;
        long first, second, extra;
        if (o.Convolution == ConvolutionKind.DepthwiseSeparable)
        {
            first = (kernel + 1) + 2 * f + 2 * f;
            second = (kernel * f + f) + (2 * f * f + 2 * f) + 4 * f;
            extra = (2 * f * kernel + 2 * f) + (4 * f * f + 2 * f) + 4 * f;
        }
        else
        {
            first = (kernel * f + f) + 2 * f;
            second = (kernel * f * 2 * f + 2 * f) + 4 * f;
            extra = (kernel * 4 * f * f + 2 * f) + 4 * f;
        }
        if (o.ResidualShortcut)
        {
            first += 2 * f + 2 * f;
            second += (2 * f * f + 2 * f) + 4 * f;
        }
        var input = 2 * f * c;
        var directions = o.Bidirectional ? 2 : 1;
        long recurrent = o.Recurrent switch
        {
            RecurrentKind.Gru => directions * 3 * h * (input + h + 2),
            RecurrentKind.Lstm => directions * 4 * h * (input + h + 2),
            _ => 0,
        };
        long width = o.Recurrent == RecurrentKind.None ? input : directions * h;
        long aggregation = o.Aggregation == TemporalAggregation.Attention ? width + 1 : 0;
        return first + second + m * extra + recurrent + aggregation + (width + 1) * k;
    }

    public static IEnumerable<object[]> Variants()
    {
        yield return ["paper model", new TinierHarOptions()];
        yield return ["no residual shortcut", new TinierHarOptions { ResidualShortcut = false }];
        yield return ["standard convolution", new TinierHarOptions { Convolution = ConvolutionKind.Standard }];
        yield return ["LSTM", new TinierHarOptions { Recurrent = RecurrentKind.Lstm }];
        yield return ["no recurrent layer", new TinierHarOptions { Recurrent = RecurrentKind.None }];
        yield return ["unidirectional GRU", new TinierHarOptions { Bidirectional = false }];
        yield return ["unidirectional LSTM, last step", new TinierHarOptions { Recurrent = RecurrentKind.Lstm, Bidirectional = false, Aggregation = TemporalAggregation.LastStep }];
        yield return ["last step", new TinierHarOptions { Aggregation = TemporalAggregation.LastStep }];
        yield return ["mean", new TinierHarOptions { Aggregation = TemporalAggregation.Mean }];
        yield return ["no recurrent layer, mean", new TinierHarOptions { Recurrent = RecurrentKind.None, Aggregation = TemporalAggregation.Mean }];
        yield return ["F=2 M=2 H=8", new TinierHarOptions { Filters = 2, ExtraBlocks = 2, RecurrentUnits = 8 }];
        yield return ["F=8 M=8 H=32 kernel 3", new TinierHarOptions { Filters = 8, ExtraBlocks = 8, RecurrentUnits = 32, KernelSize = 3 }];
    }

    [TestMethod]
    [DynamicData(nameof(Variants))]
    public void TinierHar_variant_matches_its_closed_form(string variant, TinierHarOptions options)
    {
        const int window = 128, channels = 9, classes = 6;
        using var network = new TinierHarNetwork(options, window, channels, classes);
        var expected = TinierHarFormula(options, channels, classes);

        Assert.AreEqual(expected, network.ParameterCount, $"{variant}: TorchSharp network");
        Assert.AreEqual(expected, ModelComplexity.Of(options, window, channels, classes).Parameters, $"{variant}: complexity counter");

        using var output = network.forward(TorchSharp.torch.randn(3, 1, window, channels));
        CollectionAssert.AreEqual(new long[] { 3, classes }, output.shape, variant);
    }

    [TestMethod]
    public void Paper_formula_of_the_reference_note_holds()
    {
        foreach (var (c, k) in new[] { (9, 6), (23, 12), (3, 5), (77, 18) })
        {
            using var tinier = new TinierHarNetwork(new TinierHarOptions(), 128, c, k);
            using var tiny = new TinyHarNetwork(new TinyHarOptions(), 128, c, k);
            using var deep = new DeepConvLstmNetwork(new DeepConvLstmOptions(), 128, c, k);
            Assert.AreEqual(2479 + 768L * c + 33 * k, tinier.ParameterCount, $"TinierHAR C={c} K={k}");
            Assert.AreEqual(22382 + 800L * c + 41 * k, tiny.ParameterCount, $"TinyHAR C={c} K={k}");
            Assert.AreEqual(128576 + 32768L * c + 129 * k, deep.ParameterCount, $"DeepConvLSTM C={c} K={k}");
        }
    }

    [TestMethod]
    public void Invalid_options_are_rejected_before_building()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => new TinierHarNetwork(new TinierHarOptions { RecurrentUnits = 0 }, 128, 9, 6));
        Assert.AreEqual(nameof(TinierHarOptions.RecurrentUnits), error.ParamName);
        error = Assert.ThrowsExactly<ArgumentException>(() => new DeepConvLstmNetwork(new DeepConvLstmOptions(), 24, 9, 6));
        Assert.AreEqual("windowLength", error.ParamName);
    }
}
