using TinierHAR.MLNet.Data;
using TinierHAR.Quickstart;

namespace TinierHAR.Trainer.Tests.Training;

/// <summary>The README's main job, on a small configuration: every step runs and leaves its files.</summary>
[TestClass]
public sealed class QuickstartTests
{
    public TestContext TestContext { get; set; } = null!;

    private static QuickstartSettings Small(DirectoryInfo output, string? data = null) =>
        new(Epochs: 2, Subjects: 4, Seed: 1, output, data, ImuSample.ChannelNames, "Activity", "Subject", "Time", 50);

    private static void AssertOutputs(DirectoryInfo output, string report)
    {
        foreach (var file in new[] { "tinierhar-bundle.zip", "tinierhar.onnx", "scored-log.csv" })
            Assert.IsTrue(File.Exists(Path.Combine(output.FullName, file)), $"{file} written");
        StringAssert.Contains(report, "macro F1");
        StringAssert.Contains(report, "confusion matrix");
        Assert.IsGreaterThan(1, File.ReadLines(Path.Combine(output.FullName, "scored-log.csv")).Count(), "the scored log has rows");
    }

    [TestMethod]
    public void Runs_on_synthetic_data()
    {
        var output = Directory.CreateTempSubdirectory("tinierhar-quickstart-");
        var console = new StringWriter();
        Assert.AreEqual(0, QuickstartRun.Run(Small(output), console));
        TestContext.WriteLine(console.ToString());
        AssertOutputs(output, console.ToString());
        output.Delete(recursive: true);
    }

    [TestMethod]
    public void Runs_on_a_folder_of_CSV_logs()
    {
        var data = Directory.CreateTempSubdirectory("tinierhar-quickstart-data-");
        foreach (var subject in SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 4, BoutsPerSubject = 6, MinBoutSeconds = 6, MaxBoutSeconds = 8 }).GroupBy(s => s.Subject))
        {
            using var writer = new StreamWriter(Path.Combine(data.FullName, subject.Key + ".csv"));
            writer.WriteLine("Time,AccX,AccY,AccZ,GyroX,GyroY,GyroZ,Activity,Subject");
            foreach (var s in subject)
                writer.WriteLine(FormattableString.Invariant($"{s.Time},{s.AccX},{s.AccY},{s.AccZ},{s.GyroX},{s.GyroY},{s.GyroZ},{s.Activity},{s.Subject}"));
        }
        var output = Directory.CreateTempSubdirectory("tinierhar-quickstart-");
        var console = new StringWriter();
        Assert.AreEqual(0, QuickstartRun.Run(Small(output, data.FullName), console));
        StringAssert.Contains(console.ToString(), $"data: {data.FullName}");
        AssertOutputs(output, console.ToString());
        output.Delete(recursive: true);
        data.Delete(recursive: true);
    }
}
