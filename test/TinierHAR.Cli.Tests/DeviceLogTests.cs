using System.Globalization;
using System.Text.RegularExpressions;
using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>
/// Real recordings as their devices wrote the time, trained and scored with column flags only: Daphnet (integer
/// milliseconds at 64 Hz, one CSV per recording, the subject in the file name) and the WISDM 2019 watch (nanoseconds
/// since boot at 20 Hz, accelerometer and gyroscope in separate files, merged here into one log per subject in file
/// order, each row filling its own sensor's columns).
/// </summary>
[TestClass]
public sealed partial class DeviceLogTests
{
    public TestContext TestContext { get; set; } = null!;

    [GeneratedRegex(@"rows in windows: +[\d,]+ \(([\d.]+) %\)")]
    private static partial Regex RowsInWindows();

    private static double Percent(string output) => double.Parse(RowsInWindows().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);

    [TestMethod]
    public void Daphnet_trains_and_scores_from_its_own_millisecond_clock()
    {
        var dataset = SharedData.RequireDirectory(Path.Combine("data", "daphnet-fog-partial", "dataset"));
        using var folder = new FixtureFolder();
        var model = Path.Combine(folder.Root, "model");
        string[] columns = ["--channels", "A0,A1,A2,U0,U1,U2,T1,T2,T3", "--label", "N", "--time", "time", "--subject-from-file", @"S\d+"];

        var trained = Tool.Run(["train", "--data", Path.Combine(dataset, "*.txt.gz"), .. columns, "--rate", "64", "--window", "4s", "--drop-labels", "0", "--epochs", "2", "--test-subjects", "S07", "--output", model]);
        TestContext.WriteLine(trained.Output);
        Assert.AreEqual(0, trained.ExitCode, trained.Error);
        StringAssert.Contains(trained.Output, "time unit:        ms in 7 file(s)");
        StringAssert.Contains(trained.Output, "recordings:       7, rate from the timestamps 64 Hz (lowest 64, highest 64)");
        StringAssert.Contains(trained.Output, "windows: 256 samples at 64 Hz, step 128, labels by Majority");
        StringAssert.Matches(trained.Output, new Regex(@"rows not covered: [\d,]+ \(0 in 0 segments shorter than a window, [\d,]+ in the tails of 7 segments, [1-9][\d,]* in windows dropped by label\)"),
            "label 0 (not part of the experiment) is left out, and counted");
        StringAssert.Contains(File.ReadAllText(Path.Combine(model, "metrics.txt")), "class ", "metrics written");
        Assert.IsFalse(File.ReadAllText(Path.Combine(model, "metrics.txt")).Contains("\n0  ", StringComparison.Ordinal), "no class 0");

        var predictions = Path.Combine(folder.Root, "S07.csv");
        var scored = Tool.Run("score", "--model", Path.Combine(model, "bundle.zip"), "--input", Path.Combine(dataset, "S07R02.txt.gz"), "--time", "time", "--subject-from-file", @"S\d+", "--output", predictions);
        TestContext.WriteLine(scored.Output);
        Assert.AreEqual(0, scored.ExitCode, scored.Error);
        StringAssert.Contains(scored.Output, "time unit:        ms in 1 file(s)");
        Assert.IsGreaterThanOrEqualTo(95, Percent(scored.Output));
        var windows = File.ReadAllLines(predictions);
        Assert.IsGreaterThan(100, windows.Length);
        Assert.IsTrue(windows.Skip(1).All(w => w.Split(',')[1] == "S07"), "the subject from the file name");
    }

    [TestMethod]
    public void The_WISDM_watch_trains_from_two_sensors_on_a_nanosecond_clock()
    {
        var dataset = SharedData.RequireDirectory(Path.Combine("data", "wisdm-2019-watch"));
        using var folder = new FixtureFolder();
        var logs = Path.Combine(folder.Root, "logs");
        Directory.CreateDirectory(logs);
        foreach (var subject in Enumerable.Range(1600, 6))
            MergeWatchLog(dataset, subject, Path.Combine(logs, $"{subject}.csv"));
        var model = Path.Combine(folder.Root, "model");

        var trained = Tool.Run("train", "--data", logs, "--channels", "ax,ay,az,gx,gy,gz", "--label", "activity", "--subject", "subject", "--time", "timestamp",
            "--rate", "20", "--window", "4s", "--epochs", "2", "--test-subjects", "1605", "--output", model);
        TestContext.WriteLine(trained.Output);
        Assert.AreEqual(0, trained.ExitCode, trained.Error);
        StringAssert.Matches(trained.Output, new Regex(@"time unit: +ns in 6 file\(s\)"));
        var rate = double.Parse(Regex.Match(trained.Output, @"rate from the timestamps ([\d.]+) Hz").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.AreEqual(20, rate, 0.5, "the watch's 20 Hz, from its own clock");
        StringAssert.Contains(trained.Output, "windows: 80 samples at 20 Hz");
        Assert.IsGreaterThanOrEqualTo(95, Percent(trained.Output));

        var scored = Tool.Run("score", "--model", Path.Combine(model, "bundle.zip"), "--input", Path.Combine(logs, "1605.csv"), "--subject", "subject", "--time", "timestamp",
            "--output", Path.Combine(folder.Root, "1605-predictions.csv"));
        TestContext.WriteLine(scored.Output);
        Assert.AreEqual(0, scored.ExitCode, scored.Error);
        Assert.IsGreaterThanOrEqualTo(95, Percent(scored.Output));
    }

    [TestMethod]
    public void Inspect_reports_a_faulty_log_as_the_generator_made_it()
    {
        using var folder = new FixtureFolder();
        var log = Path.Combine(folder.Root, "watch.csv");
        var generated = Tool.Run("generate", "--output", log, "--subjects", "2", "--time-unit", "ms", "--clock-start", "2024-05-01T09:00:00Z",
            "--jitter", "0.002", "--repeat", "0.02", "--drop", "0.01", "--second-rate", "100");
        Assert.AreEqual(0, generated.ExitCode, generated.Error);

        var report = Path.Combine(folder.Root, "report");
        var inspected = Tool.Run("inspect", "--data", log, "--output", report);
        TestContext.WriteLine(inspected.Output);
        Assert.AreEqual(0, inspected.ExitCode, inspected.Error);
        StringAssert.Contains(inspected.Output, "time unit: ms in 2 recording(s)");
        StringAssert.Matches(inspected.Output, new Regex(@"rate: median 100 Hz over recordings \(lowest 50, highest 100\)"));
        StringAssert.Matches(inspected.Output, new Regex(@"repeated timestamps: [1-9][\d,]*"));
        StringAssert.Contains(inspected.Output, "walking_upstairs:");
        // The hours generate reports are the recordings' own (rows / rate said 2.26 h where inspect measured 1.54 h).
        var made = Regex.Match(generated.Output, @"samples \(([\d.]+) h\)").Groups[1].Value;
        StringAssert.Contains(inspected.Output, $"duration: {double.Parse(made, System.Globalization.CultureInfo.InvariantCulture):0.##} h", generated.Output);
        foreach (var picture in new[] { "intervals.png", "classes.png" })
            CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(report, picture))[..4], picture);
        Assert.AreEqual(inspected.Output[..inspected.Output.IndexOf("wrote", StringComparison.Ordinal)], File.ReadAllText(Path.Combine(report, "inspection.txt")));
    }

    /// <summary>One subject's accelerometer and gyroscope files as one CSV, by the repository's own script.</summary>
    internal static void MergeWatchLog(string dataset, int subject, string path)
    {
        var script = Path.Combine(SharedData.RepositoryRoot, "experiments", "device-logs", "merge-wisdm-watch.sh");
        var (exitCode, output) = ChildProcess.Run("bash", $"\"{script}\" \"{dataset}\" {subject} \"{path}\"", SharedData.RepositoryRoot, TimeSpan.FromMinutes(2));
        Assert.AreEqual(0, exitCode, output);
    }
}
