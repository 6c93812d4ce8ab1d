using System.Globalization;
using Microsoft.ML;
using TinierHAR.MLNet.CExport;
using TinierHAR.MLNet.Scoring;
using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>
/// <c>export --format c</c> on a trained bundle, compiled with the host's gcc and run on the windows of a generated
/// log the model never saw: float32 must give ONNX Runtime's classes and probabilities; int8 is measured against it.
/// </summary>
[TestClass]
public sealed class ExportCommandTests
{
    private const int MinimumWindows = 1000;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void The_exported_C_model_scores_a_held_out_log_as_ONNX_Runtime_does()
    {
        using var fixture = new FixtureFolder();
        var bundlePath = TrainedBundle.Train(fixture, epochs: 30, TestContext);
        var log = Path.Combine(fixture.Root, "logs", "held-out.csv");
        var generated = Tool.Run("generate", "--output", log, "--subjects", "1", "--seed", "9", "--hours", "0.5");
        Assert.AreEqual(0, generated.ExitCode, generated.Error);

        var folders = new Dictionary<string, string>();
        foreach (var variant in new[] { "float32", "int8" })
        {
            folders[variant] = Path.Combine(fixture.Root, "c", variant);
            string[] arguments = ["export", "--format", "c", "--model", bundlePath, "--output", folders[variant], .. variant == "int8" ? new[] { "--int8" } : []];
            var exported = Tool.Run(arguments);
            Assert.AreEqual(0, exported.ExitCode, exported.Error);
            StringAssert.Contains(exported.Output, $"wrote {Path.Combine(folders[variant], HarCModel.SourceFileName)}");
            TestContext.WriteLine(exported.Output);
        }

        using var bundle = HarModelBundle.Load(new MLContext(seed: 1), bundlePath);
        var manifest = bundle.Manifest;
        var (windows, labels) = Windows(log, manifest);
        var classes = manifest.ClassNames.Count;
        Assert.IsGreaterThanOrEqualTo(MinimumWindows, labels.Length, "windows of the held-out log");

        using var scorer = bundle.CreateBatchedScorer();
        var onnx = scorer.Score(windows).Chunk(classes).ToArray();
        var (float32, float32Classes) = CModelHost.Compile(folders["float32"], classes).Score(windows);
        var (_, int8Classes) = CModelHost.Compile(folders["int8"], classes).Score(windows);

        var onnxClasses = onnx.Select(ArgMax).ToArray();
        var difference = float32.Zip(onnx).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second)));
        var agreement = int8Classes.Zip(float32Classes).Count(p => p.First == p.Second) / (double)labels.Length;
        var truth = labels.Select(l => manifest.ClassNames.ToList().IndexOf(l)).ToArray();
        var (float32F1, int8F1) = (MacroF1(truth, float32Classes, classes), MacroF1(truth, int8Classes, classes));
        TestContext.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{labels.Length} windows: float32 C vs ONNX Runtime max |p| difference {difference:E2}, {onnxClasses.Zip(float32Classes).Count(p => p.First == p.Second)} equal classes; "
            + $"int8 C top-1 agreement with float32 {agreement:P2}; macro F1 on the log's labels: ONNX {MacroF1(truth, onnxClasses, classes):0.0000}, "
            + $"float32 C {float32F1:0.0000}, int8 C {int8F1:0.0000}"));
        CollectionAssert.AreEqual(onnxClasses, float32Classes, "float32 C classes");
        Assert.IsLessThanOrEqualTo(1e-4, difference, "float32 C probabilities");
        Assert.IsGreaterThanOrEqualTo(0.99, agreement, "int8 C top-1 agreement with float32");

        // docs/embedded-c.md quotes this run: its rows must be what the run measured.
        var f1s = float32F1 == int8F1 ? string.Create(CultureInfo.InvariantCulture, $"equal ({int8F1:0.000})")
            : string.Create(CultureInfo.InvariantCulture, $"{int8F1:0.000} against {float32F1:0.000}");
        string[] quoted =
        [
            string.Create(CultureInfo.InvariantCulture,
                $"| a trained bundle on a held-out generated log, float32 C against ONNX Runtime (`ExportCommandTests`) | {labels.Length:N0} | every class equal, probabilities within {OneDigitAbove(difference)} |"),
            string.Create(CultureInfo.InvariantCulture, $"| the same log, int8 C against float32 C | {labels.Length:N0} | top-1 agreement {agreement * 100:0} %, macro F1 {f1s} |"),
        ];
        RepositoryDocuments.AssertQuotedIn("docs/embedded-c.md", quoted);
    }

    /// <summary>The smallest one-digit bound at or above a positive value, written as the docs write it: 2.98e-7 is 3e-7.</summary>
    private static string OneDigitAbove(double value)
    {
        var exponent = (int)Math.Floor(Math.Log10(value));
        var digit = (int)Math.Ceiling(value / Math.Pow(10, exponent) - 1e-9);
        return digit == 10 ? $"1e{exponent + 1}" : $"{digit}e{exponent}";
    }

    /// <summary>Every window of the log (one subject, a clean clock) at the bundle's length and step, with the activity at its middle.</summary>
    private static (float[] Windows, string[] Labels) Windows(string log, BundleManifest manifest)
    {
        var lines = File.ReadAllLines(log);
        var header = lines[0].Split(',');
        var columns = manifest.ChannelNames.Select(n => Array.IndexOf(header, n)).ToArray();
        var activity = Array.IndexOf(header, "Activity");
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        var (length, step) = (manifest.WindowLength, manifest.WindowStep);
        var windows = new List<float>();
        var labels = new List<string>();
        for (var start = 0; start + length <= rows.Length; start += step)
        {
            for (var t = start; t < start + length; t++)
                windows.AddRange(columns.Select(c => float.Parse(rows[t][c], CultureInfo.InvariantCulture)));
            labels.Add(rows[start + length / 2][activity]);
        }
        return ([.. windows], [.. labels]);
    }

    private static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());

    private static double MacroF1(int[] truth, int[] predicted, int classes) => Enumerable.Range(0, classes)
        .Where(k => truth.Contains(k))
        .Select(k =>
        {
            var (tp, fp, fn) = (truth.Zip(predicted).Count(p => p.First == k && p.Second == k), truth.Zip(predicted).Count(p => p.First != k && p.Second == k),
                truth.Zip(predicted).Count(p => p.First == k && p.Second != k));
            return tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        }).Average();
}
