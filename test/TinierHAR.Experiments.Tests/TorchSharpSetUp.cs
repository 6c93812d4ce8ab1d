namespace TinierHAR.Experiments.Tests;

/// <summary>Tests seed and call TorchSharp directly before any network exists, so its native set-up comes first.</summary>
[TestClass]
public static class TorchSharpSetUp
{
    [AssemblyInitialize]
    public static void PrepareTorchSharp(TestContext context) => TinierHAR.Trainer.Native.TorchSharpRuntime.EnsureLoaded();
}
