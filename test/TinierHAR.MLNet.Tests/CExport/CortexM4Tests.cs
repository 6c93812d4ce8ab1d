using System.Globalization;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.CExport;
using TinierHAR.MLNet.Checkpoints;
using TinierHAR.MLNet.Onnx;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.CExport;

/// <summary>
/// The C model at HAPT's shape (T 200, C 6, K 12) built for a Cortex-M4 and run under QEMU: the same classes and
/// probabilities as the host's build, and its flash, RAM and instructions per window measured; the figures must be
/// those of <c>experiments/cortex-m4/results.md</c> (within 2 %: another toolchain release may differ a little), which
/// <c>eng/c-model/cortex-m4/report.sh</c> writes from this test.
/// </summary>
[TestClass]
public sealed class CortexM4Tests
{
    private const int Windows = 16;
    private const string Results = "experiments/cortex-m4/results.md";

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void At_HAPTs_shape_the_Cortex_M4_build_scores_as_the_host_build()
    {
        var (t, c, k) = (200, 6, 12);
        var normalization = new ChannelNormalization(
            Enumerable.Range(0, c).Select(i => 0.1f * i).ToArray(), Enumerable.Range(0, c).Select(i => 0.5f + 0.1f * i).ToArray());
        var model = HarOnnxModelWriter.Write(new TinierHarOptions(), t, c, k, HaptShapedWeights(c, k),
            new HarOnnxExportOptions { ClassNames = Enumerable.Range(0, k).Select(i => $"class {i}").ToArray() });
        var random = new Random(7);
        var windows = new float[Windows * t * c];
        for (var i = 0; i < windows.Length; i++)
            windows[i] = normalization.Mean[i % c] + normalization.Scale[i % c] * (float)Gaussian(random);

        var table = new List<string>
        {
            "| weights | weight bytes | flash: model code + weights (B) | flash added with libm's expf, tanhf (B) | RAM: work buffer + data (B) | stack high-water (B) | RAM in all (B) | instructions per window | max abs(p(M4) − p(host)) |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        };
        var largest = 0.0;
        foreach (var int8 in new[] { false, true })
        {
            var exported = HarCExporter.Export(model, new HarCExportOptions { Int8Weights = int8, Normalization = normalization });
            using var folder = new FixtureFolder();
            var host = CModelHost.Compile(exported, Path.Combine(folder.Root, "host"), k);
            var firmware = CortexM4Firmware.Build(exported, Path.Combine(folder.Root, "cortex-m4"), k);
            var (hostProbabilities, hostClasses) = host.Score(windows);
            var (probabilities, classes, instructions, stack) = firmware.Score(windows);

            CollectionAssert.AreEqual(hostClasses, classes, $"int8 {int8}: classes");
            var difference = probabilities.Zip(hostProbabilities).Max(p => p.First.Zip(p.Second).Max(v => Math.Abs(v.First - v.Second)));
            Assert.IsLessThanOrEqualTo(1e-5, difference, $"int8 {int8}: probabilities");
            largest = Math.Max(largest, difference);
            var data = firmware.ModelObject.Data + firmware.ModelObject.Bss;
            table.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {(int8 ? "int8, a scale per output channel" : "float32")} | {exported.WeightBytes:N0} | {firmware.ModelObject.Text:N0} | {firmware.FirmwareFlashAdded:N0} | {data:N0} | {stack:N0} | {data + stack:N0} | {instructions.Average():N0} | {difference:0.0E+0} |"));
        }
        var bound = double.Parse(RepositoryDocuments.Quoted("docs/embedded-c.md", $@"against the host's build \(`CortexM4Tests`\) \| {Windows} x 2 \| every class equal, probabilities within (\S+) \|"), CultureInfo.InvariantCulture);
        Assert.IsLessThanOrEqualTo(bound, largest, "the bound docs/embedded-c.md quotes");
        var measured = string.Join('\n', table) + "\n";
        TestContext.WriteLine(measured);
        if (TestContext.Properties.TryGetValue("report", out var report) && report is string path)
            File.WriteAllText(path, measured);
        var committed = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, Results));
        AssertSameFigures(committed, measured);
    }

    /// <summary>The tables' cells are equal, numbers within 2 % (the probability differences within a factor of 10).</summary>
    private static void AssertSameFigures(string committed, string measured)
    {
        string[][] Cells(string text) => text.Trim().Split('\n').Select(l => l.Split('|', StringSplitOptions.TrimEntries)).ToArray();
        var (expected, actual) = (Cells(committed), Cells(measured));
        Assert.HasCount(expected.Length, actual, $"{Results}: rows (regenerate with eng/c-model/cortex-m4/report.sh)");
        for (var r = 0; r < expected.Length; r++)
        {
            for (var c = 0; c < expected[r].Length; c++)
            {
                var (e, a) = (expected[r][c], actual[r][c]);
                var where = $"{Results}, row {r + 1}, column {c} (regenerate with eng/c-model/cortex-m4/report.sh)";
                if (double.TryParse(e.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    && double.TryParse(a.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
                {
                    if (e.Contains('E', StringComparison.Ordinal))
                        Assert.IsTrue(y <= 10 * x && x <= 10 * y, $"{where}: {a}, committed {e}");
                    else
                        Assert.IsLessThanOrEqualTo(0.02 * Math.Max(1, Math.Abs(x)), Math.Abs(x - y), $"{where}: {a}, committed {e}");
                }
                else
                {
                    Assert.AreEqual(e, a, where);
                }
            }
        }
    }

    /// <summary>
    /// The random reference weights at UCI-HAR's shape, with the two tensors whose shape depends on the channels and
    /// the classes (the GRU's input weights, the classifier) drawn again at C and K: sizes and instruction counts depend on
    /// the shape, not on the values.
    /// </summary>
    private static Dictionary<string, WeightTensor> HaptShapedWeights(int channels, int classes)
    {
        var random = new Random(11);
        var weights = SafeTensorsFile.Read(GoldenFixture.Load("tinierhar-random-c9-t128-k6").WeightsPath);
        WeightTensor Draw(params long[] shape) => new(shape, Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b))
            .Select(_ => (float)(random.NextDouble() - 0.5) / 4).ToArray());
        var options = new TinierHarOptions();
        foreach (var name in weights.Keys.Where(n => n.StartsWith("gru.weight_ih", StringComparison.Ordinal)).ToArray())
            weights[name] = Draw(3 * options.RecurrentUnits, 2 * options.Filters * channels);
        weights["classifier.0.weight"] = Draw(classes, 2 * options.RecurrentUnits);
        weights["classifier.0.bias"] = Draw(classes);
        return weights;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
