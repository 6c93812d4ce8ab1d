using TinierHAR.MLNet.Data;
using TinierHAR.Quickstart;
using TinierHAR.TestSupport;

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
    public void The_docs_describe_the_quickstarts_defaults() =>
        RepositoryDocuments.AssertQuotedIn("README.md",
            $"on generated waist-IMU recordings of {QuickstartRun.DefaultSubjects} subjects",
            $"metrics on {QuickstartRun.HeldOutSubjects} held-out subjects");

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
    public void With_int8_writes_the_quantised_network_and_compares_it_with_the_float32_one()
    {
        var output = Directory.CreateTempSubdirectory("tinierhar-quickstart-");
        var console = new StringWriter();
        Assert.AreEqual(0, QuickstartRun.Run(Small(output) with { CompareInt8 = true }, console));
        var report = console.ToString();
        TestContext.WriteLine(report);
        AssertOutputs(output, report);
        var int8 = File.ReadAllBytes(Path.Combine(output.FullName, "tinierhar-int8.onnx"));
        StringAssert.StartsWith(MLNet.Onnx.HarModelMetadata.Read(int8).Quantization, "int8 QDQ");
        var rows = report.Split('\n').Where(l => l.StartsWith("| float32 |", StringComparison.Ordinal) || l.StartsWith("| int8 QDQ |", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToArray();
        Assert.HasCount(2, rows, "one row per model");
        var f1 = rows.Select(r => double.Parse(r[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.AreEqual(f1[0], f1[1], 0.05, "int8 macro F1 near float32's");
        Assert.AreEqual(int8.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), rows[1][4], "the int8 file's bytes");
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
