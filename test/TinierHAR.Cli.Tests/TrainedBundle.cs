using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>A bundle trained by the tool on a generated five-subject log (subject05 held out), as a user would make one.</summary>
internal static class TrainedBundle
{
    /// <summary>Generates <c>logs/train.csv</c> in <paramref name="fixture"/>, trains for <paramref name="epochs"/> epochs into <c>model/</c>, and returns the bundle's path.</summary>
    public static string Train(FixtureFolder fixture, int epochs, TestContext? context = null, params string[] trainOptions)
    {
        var train = Path.Combine(fixture.Root, "logs", "train.csv"); // generate makes the folder
        var generated = Tool.Run("generate", "--output", train, "--subjects", "5", "--seed", "3");
        Assert.AreEqual(0, generated.ExitCode, generated.Error);
        var model = Path.Combine(fixture.Root, "model");
        var trained = Tool.Run(["train", "--data", train, "--output", model, "--epochs", $"{epochs}", "--test-subjects", "subject05", .. trainOptions]);
        Assert.AreEqual(0, trained.ExitCode, trained.Error);
        context?.WriteLine(trained.Output);
        return Path.Combine(model, "bundle.zip");
    }
}
