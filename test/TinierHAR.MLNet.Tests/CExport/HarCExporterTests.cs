using System.Globalization;
using System.Text.RegularExpressions;
using TinierHAR.MLNet.CExport;
using TinierHAR.MLNet.Onnx;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.CExport;

/// <summary>
/// The C export of the reference weights, compiled with the host's gcc: it must reproduce the authors' PyTorch logits
/// as the ONNX model does, link nothing but <c>expf</c> and <c>tanhf</c>, and refuse what it does not cover.
/// </summary>
[TestClass]
public sealed class HarCExporterTests
{
    private const double LogitTolerance = 1e-5;
    private const string Document = "docs/embedded-c.md";

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Fixtures => SharedData.GoldenFixtures();

    [TestMethod]
    [DynamicData(nameof(Fixtures))]
    public void The_C_model_reproduces_the_reference_logits(string fixtureName)
    {
        var fixture = GoldenFixture.Load(fixtureName);
        var model = fixture.OnnxModel(Enumerable.Range(0, fixture.Classes).Select(i => $"class {i}").ToArray());
        if (fixture.Model != "TinierHAR")
        {
            var refused = Assert.ThrowsExactly<NotSupportedException>(() => HarCExporter.Export(model));
            StringAssert.Contains(refused.Message, "The C export covers TinierHAR");
            return;
        }
        using var folder = new FixtureFolder();
        var host = CModelHost.Compile(HarCExporter.Export(model), folder.Root, fixture.Classes);
        var (logits, predicted) = host.Score(fixture.Input().ToSingles(), logits: true);
        var expected = fixture.ExpectedLogits().Values;
        var difference = OnnxRun.MaxDifference(logits.SelectMany(l => l).ToArray(), expected);
        TestContext.WriteLine($"{fixtureName}: {logits.Length} windows, C max |logit - reference| = {difference:E3}");
        Assert.IsLessThanOrEqualTo(LogitTolerance, difference);
        for (var n = 0; n < logits.Length; n++)
            Assert.AreEqual(ArgMax(expected.AsSpan(n * fixture.Classes, fixture.Classes)), predicted[n], $"window {n}");

        // docs/embedded-c.md quotes the trained model's row and the two random models' (UCI-HAR's shape, then the odd window).
        var (windows, quoted) = (logits.Length.ToString(CultureInfo.InvariantCulture), RepositoryDocuments.Scientific(difference));
        string[] Row(string check) => RepositoryDocuments.QuotedGroups(Document, Regex.Escape(check) + @" \| (\d+)(?: \+ (\d+))? \| max difference (\S+?)(?:,| and (\S+) \|)");
        switch (fixtureName)
        {
            case "tinierhar-mhealth-trained":
                var trained = Row("the authors' trained TinierHAR (MHEALTH, 23 channels) against their PyTorch logits (`HarCExporterTests`)");
                CollectionAssert.AreEqual(new[] { windows, quoted }, new[] { trained[0], trained[2] }, fixtureName);
                break;
            case "tinierhar-random-c9-t128-k6" or "tinierhar-random-c3-t101-k5":
                var row = Row("random TinierHARs at UCI-HAR's shape and at an odd window length, against PyTorch");
                var at = fixtureName == "tinierhar-random-c9-t128-k6" ? 0 : 1;
                CollectionAssert.AreEqual(new[] { windows, quoted }, new[] { row[at], row[2 + at] }, fixtureName);
                break;
            default:
                Assert.Fail($"{fixtureName}: docs/embedded-c.md has no row for it");
                break;
        }
    }

    [TestMethod]
    public void The_C_model_needs_nothing_but_expf_and_tanhf()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c3-t101-k5");
        var gcc = CModelHost.RequireTool("gcc", "gcc");
        var nm = CModelHost.RequireTool("nm", "binutils");
        foreach (var int8 in new[] { false, true })
        {
            using var folder = new FixtureFolder();
            var exported = HarCExporter.Export(fixture.OnnxModel(["a", "b", "c", "d", "e"]), new HarCExportOptions { Int8Weights = int8 });
            exported.WriteTo(folder.Root);
            var (compiled, output) = ChildProcess.Run(gcc, $"-std=c99 -O2 -ffreestanding -c {HarCModel.SourceFileName} -o model.o", folder.Root, TimeSpan.FromMinutes(1));
            Assert.AreEqual(0, compiled, output);
            var (listed, undefined) = ChildProcess.Run(nm, "-u model.o", folder.Root, TimeSpan.FromMinutes(1));
            Assert.AreEqual(0, listed, undefined);
            var symbols = undefined.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(l => l.Split(' ')[^1]).Order().ToArray();
            CollectionAssert.AreEqual(new[] { "expf", "tanhf" }, symbols, $"int8 {int8}: {string.Join(", ", symbols)}");
            StringAssert.Contains(exported.Header, "#define TINIERHAR_T 101");
            StringAssert.Contains(exported.Header, "#define TINIERHAR_C 3");
            StringAssert.Contains(exported.Header, "#define TINIERHAR_K 5");
            StringAssert.Contains(exported.Header, $"#define TINIERHAR_WORK_BYTES {exported.WorkBufferBytes}");
        }
    }

    [TestMethod]
    public void Int8_weights_take_about_a_quarter_of_the_bytes_and_keep_the_authors_trained_models_classes()
    {
        var fixture = GoldenFixture.Load("tinierhar-mhealth-trained");
        var model = fixture.OnnxModel(Enumerable.Range(0, fixture.Classes).Select(i => $"class {i}").ToArray());
        var float32 = HarCExporter.Export(model);
        var int8 = HarCExporter.Export(model, new HarCExportOptions { Int8Weights = true });
        Assert.IsLessThan(0.4 * float32.WeightBytes, int8.WeightBytes);
        Assert.IsGreaterThan(0.25 * float32.WeightBytes, int8.WeightBytes);
        Assert.AreEqual(float32.WorkBufferBytes, int8.WorkBufferBytes);

        using var folder = new FixtureFolder();
        var windows = fixture.Input().ToSingles();
        var (_, float32Classes) = CModelHost.Compile(float32, Path.Combine(folder.Root, "float32"), fixture.Classes).Score(windows);
        var (_, int8Classes) = CModelHost.Compile(int8, Path.Combine(folder.Root, "int8"), fixture.Classes).Score(windows);
        var labels = NpyArray.Read(Path.Combine(fixture.Directory, "labels.npy")).Values.Select(v => (int)v).ToArray();
        var agreement = int8Classes.Zip(float32Classes).Count(p => p.First == p.Second) / (double)labels.Length;
        TestContext.WriteLine($"weights: float32 {float32.WeightBytes:N0} bytes, int8 {int8.WeightBytes:N0} bytes; on the authors' {labels.Length} test windows: "
            + $"int8 top-1 agreement with float32 {agreement:P2}, accuracy float32 {Accuracy(float32Classes, labels):P2}, int8 {Accuracy(int8Classes, labels):P2}");
        Assert.IsGreaterThanOrEqualTo(0.99, agreement);
        RepositoryDocuments.AssertQuotedIn(Document, string.Create(CultureInfo.InvariantCulture,
            $"| the authors' MHEALTH model and test batch, int8 C against float32 C | {labels.Length} | top-1 agreement {100 * agreement:0} %, accuracy {Percent(Accuracy(float32Classes, labels), Accuracy(int8Classes, labels))} |"));
    }

    /// <summary>"100 % both" where the two are equal, "98 % and 97 %" otherwise.</summary>
    private static string Percent(double float32, double int8)
    {
        var (a, b) = ((100 * float32).ToString("0", CultureInfo.InvariantCulture), (100 * int8).ToString("0", CultureInfo.InvariantCulture));
        return a == b ? $"{a} % both" : $"{a} % and {b} %";
    }

    private static double Accuracy(int[] predicted, int[] labels) => predicted.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;

    [TestMethod]
    public void A_separable_pair_is_split_back_and_a_full_convolution_is_refused()
    {
        var random = new Random(5);
        var (outputs, inputs, kernel) = (8, 4, 5);
        var depthwise = Enumerable.Range(0, inputs * kernel).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var pointwise = Enumerable.Range(0, outputs * inputs).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var folded = new float[outputs * inputs * kernel];
        for (var o = 0; o < outputs; o++)
            for (var i = 0; i < inputs; i++)
                for (var j = 0; j < kernel; j++)
                    folded[(o * inputs + i) * kernel + j] = (float)((double)pointwise[o * inputs + i] * depthwise[i * kernel + j]);
        var (d, p) = HarCExporter.SeparableFactors(folded, outputs, inputs, kernel, "block");
        for (var o = 0; o < outputs; o++)
            for (var i = 0; i < inputs; i++)
                for (var j = 0; j < kernel; j++)
                    Assert.AreEqual(folded[(o * inputs + i) * kernel + j], p[o * inputs + i] * d[i * kernel + j], 1e-6);

        folded[7] += 0.25f;
        var refused = Assert.ThrowsExactly<InvalidDataException>(() => HarCExporter.SeparableFactors(folded, outputs, inputs, kernel, "block"));
        StringAssert.Contains(refused.Message, "block: the convolution is not a depthwise-separable pair (input channel 1");
    }

    [TestMethod]
    public void A_quantised_model_is_refused()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c3-t101-k5");
        var model = fixture.OnnxModel(["a", "b", "c", "d", "e"]);
        var windows = fixture.Input().ToSingles();
        var quantized = HarOnnxQuantizer.QuantizeInt8(model, windows);
        var refused = Assert.ThrowsExactly<ArgumentException>(() => HarCExporter.Export(quantized));
        StringAssert.Contains(refused.Message, "The model is quantised already");
    }

    private static int ArgMax(ReadOnlySpan<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}
