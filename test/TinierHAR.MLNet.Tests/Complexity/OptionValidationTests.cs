using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;

namespace TinierHAR.MLNet.Tests.Complexity;

[TestClass]
public sealed class OptionValidationTests
{
    private static void AssertRejected(HarNetworkOptions options, int window, int channels, int classes, string option)
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => ModelComplexity.Of(options, window, channels, classes));
        Assert.AreEqual(option, error.ParamName);
        StringAssert.Contains(error.Message, option);
    }

    [TestMethod]
    public void Shape_rules_name_the_option()
    {
        AssertRejected(new TinierHarOptions(), 128, 0, 6, "channels");
        AssertRejected(new TinierHarOptions(), 128, 9, 1, "classes");
        AssertRejected(new TinierHarOptions(), 3, 9, 6, "windowLength");
        AssertRejected(new TinyHarOptions(), 24, 9, 6, "windowLength");
        AssertRejected(new DeepConvLstmOptions(), 20, 9, 6, "windowLength");
    }

    [TestMethod]
    public void Network_option_rules_name_the_option()
    {
        AssertRejected(new TinierHarOptions { Filters = 0 }, 128, 9, 6, nameof(TinierHarOptions.Filters));
        AssertRejected(new TinierHarOptions { RecurrentUnits = 0 }, 128, 9, 6, nameof(TinierHarOptions.RecurrentUnits));
        AssertRejected(new TinierHarOptions { KernelSize = 4 }, 128, 9, 6, nameof(TinierHarOptions.KernelSize));
        AssertRejected(new TinierHarOptions { ExtraBlocks = -1 }, 128, 9, 6, nameof(TinierHarOptions.ExtraBlocks));
        AssertRejected(new TinierHarOptions { Dropout = 1 }, 128, 9, 6, nameof(TinierHarOptions.Dropout));
        AssertRejected(new TinyHarOptions { Filters = 0 }, 128, 9, 6, nameof(TinyHarOptions.Filters));
        AssertRejected(new DeepConvLstmOptions { LstmUnits = 0 }, 128, 9, 6, nameof(DeepConvLstmOptions.LstmUnits));
    }

    [TestMethod]
    public void Shortest_valid_windows_are_accepted()
    {
        Assert.AreEqual(1, TinierHarOptions.PooledLength(4));
        Assert.AreEqual(1, TinyHarOptions.ConvolvedLength(25));
        Assert.AreEqual(0, TinyHarOptions.ConvolvedLength(24));
        Assert.IsGreaterThan(0L, ModelComplexity.Of(new TinierHarOptions(), 4, 1, 2).Macs);
        Assert.IsGreaterThan(0L, ModelComplexity.Of(new TinyHarOptions(), 25, 1, 2).Macs);
    }
}
