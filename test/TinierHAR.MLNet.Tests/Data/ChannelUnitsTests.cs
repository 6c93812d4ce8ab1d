using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Tests.Data;

[TestClass]
public sealed class ChannelUnitsTests
{
    [TestMethod]
    public void Units_convert_within_their_quantity_and_nowhere_else()
    {
        Assert.AreEqual(1 / 9.80665, ChannelUnits.Factor("m/s^2", "g", "ax"), 1e-15);
        Assert.AreEqual(9.80665, ChannelUnits.Factor("g", "m/s²", "ax"), 1e-15);
        Assert.AreEqual(1e-3, ChannelUnits.Factor("mg", "g", "ax"), 1e-15);
        Assert.AreEqual(Math.PI / 180, ChannelUnits.Factor("deg/s", "rad/s", "gx"), 1e-15);
        Assert.AreEqual(1, ChannelUnits.Factor("RAD/S", "rad/s", "gx"), "spelling is not case-sensitive");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ChannelUnits.Factor("g", "rad/s", "ax")).Message, "Channel 'ax': the log's unit 'g' measures acceleration, the model's 'rad/s' angular velocity");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ChannelUnits.Factor("furlong", "g", "ax")).Message, "Channel 'ax': unknown unit 'furlong'");
    }
}
