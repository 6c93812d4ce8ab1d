using TinierHAR.TestSupport;

namespace TinierHAR.Trainer.Tests.Native;

[TestClass]
public sealed class PublishedAppTests
{
    public TestContext TestContext { get; set; } = null!;

    /// <summary>
    /// `dotnet publish` of an application that trains, then the published output run as its own process: the native
    /// fix must work from a publish folder too, where nothing of the NuGet cache or the build output is used; and the
    /// same application run without training leaves the process untouched (no libtorch loaded at assembly load).
    /// </summary>
    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public void Published_app_trains_a_few_epochs()
    {
        var project = Path.Combine(SharedData.RepositoryRoot, "test", "TinierHAR.PublishProbe", "TinierHAR.PublishProbe.csproj");
        var output = Path.Combine(Path.GetTempPath(), $"tinierhar-publish-{Guid.NewGuid():N}");
        try
        {
            var publish = ChildProcess.Run("dotnet", $"publish \"{project}\" -c Release -r linux-x64 --self-contained false -o \"{output}\" -p:UseAppHost=true", SharedData.RepositoryRoot, TimeSpan.FromMinutes(8));
            Assert.AreEqual(0, publish.ExitCode, publish.Output);

            var run = ChildProcess.Run(Path.Combine(output, "TinierHAR.PublishProbe"), "", output, TimeSpan.FromMinutes(8));
            TestContext.WriteLine(run.Output);
            Assert.AreEqual(0, run.ExitCode, run.Output);
            StringAssert.Contains(run.Output, "epoch 5: train loss");

            // An application that references the trainer but does not train: no native library is loaded or patched.
            var untouched = ChildProcess.Run(Path.Combine(output, "TinierHAR.PublishProbe"), "--untouched", output, TimeSpan.FromMinutes(8));
            TestContext.WriteLine(untouched.Output);
            Assert.AreEqual(0, untouched.ExitCode, untouched.Output);
            StringAssert.Contains(untouched.Output, "libtorch loaded: False");
        }
        finally
        {
            if (Directory.Exists(output))
                Directory.Delete(output, recursive: true);
        }
    }
}
