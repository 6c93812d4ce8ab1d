using TinierHAR.TestSupport;

namespace TinierHAR.Packaging.Tests;

/// <summary><c>eng/pack.sh</c> refuses what it cannot pack with a message, before it writes anything.</summary>
[TestClass]
public sealed class PackScriptTests
{
    [TestMethod]
    [DataRow("latest")]
    [DataRow("v0.1.0")]
    [DataRow("0.1.0-")]
    public void A_version_NuGet_cannot_take_is_refused_with_a_message_and_no_feed(string version)
    {
        var feed = Path.Combine(Path.GetTempPath(), $"tinierhar-pack-{Guid.NewGuid():N}", "feed");

        var (exitCode, output) = ChildProcess.Run("bash", $"eng/pack.sh \"{feed}\" \"{version}\"", SharedData.RepositoryRoot, TimeSpan.FromMinutes(1));

        Assert.AreEqual(2, exitCode, output);
        StringAssert.Contains(output, $"'{version}' is not a package version");
        Assert.IsFalse(Directory.Exists(feed), "nothing is written");
    }
}
