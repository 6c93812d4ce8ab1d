using System.Globalization;
using System.Text.RegularExpressions;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Onnx;
using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

[TestClass]
public sealed class CommandLineTests
{
    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Fixtures => SharedData.GoldenFixtures();

    private string TemporaryPath(string name) =>
        Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}-{name}");

    private static string[] ModelArguments(HarNetworkOptions options) => options switch
    {
        TinierHarOptions o => ["--model", "tinierhar", "--filters", $"{o.Filters}", "--extra-blocks", $"{o.ExtraBlocks}", "--recurrent-units", $"{o.RecurrentUnits}"],
        TinyHarOptions o => ["--model", "tinyhar", "--filters", $"{o.Filters}"],
        DeepConvLstmOptions o => ["--model", "deepconvlstm", "--filters", $"{o.Filters}", "--recurrent-units", $"{o.LstmUnits}", "--conv-blocks", $"{o.ConvBlocks}", "--lstm-layers", $"{o.LstmLayers}"],
        _ => throw new NotSupportedException(),
    };

    [TestMethod]
    [DynamicData(nameof(Fixtures))]
    public void Import_writes_a_model_that_info_describes_and_that_scores_like_the_reference(string fixtureName)
    {
        var fixture = GoldenFixture.Load(fixtureName);
        var output = TemporaryPath($"{fixtureName}.onnx");
        var names = string.Join(",", Enumerable.Range(0, fixture.Classes).Select(i => $"class{i}"));
        try
        {
            var import = Tool.Run([
                "import", "--checkpoint", fixture.WeightsPath, .. ModelArguments(fixture.NetworkOptions()),
                "--window", $"{fixture.Window}", "--channels", $"{fixture.Channels}", "--classes", $"{fixture.Classes}",
                "--class-names", names, "--output", output]);
            Assert.AreEqual(0, import.ExitCode, import.Error);

            var info = Tool.Run("info", output);
            Assert.AreEqual(0, info.ExitCode, info.Error);
            TestContext.WriteLine(info.Output);
            StringAssert.Contains(info.Output, $"Features [N, {fixture.Window}, {fixture.Channels}]");
            StringAssert.Contains(info.Output, $"parameters       {fixture.Parameters.ToString("N0", CultureInfo.InvariantCulture)}");
            StringAssert.Contains(info.Output, "class0, class1");
            StringAssert.Matches(info.Output, new System.Text.RegularExpressions.Regex(@"latency +\d+\.\d{3} ms per single window"));

            var input = fixture.Input();
            var logits = OnnxRun.Output(File.ReadAllBytes(output), input.ToSingles(), (int)input.Shape[0], fixture.Window, fixture.Channels, HarOnnxModelWriter.LogitsName);
            var difference = OnnxRun.MaxDifference(logits, fixture.ExpectedLogits().Values);
            TestContext.WriteLine($"{fixtureName}: imported model, max |logit - reference| = {difference:E3}");
            Assert.IsLessThanOrEqualTo(1e-5, difference);
            Assert.AreEqual(RepositoryDocuments.Scientific(difference), RepositoryDocuments.TableCell("docs/networks-and-onnx.md", fixtureName, "`import`"), "the difference the docs quote");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [TestMethod]
    public void Profile_reports_where_our_graph_and_PyTorchs_export_spend_their_time()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c9-t128-k6");
        var ours = TemporaryPath("ours.onnx");
        var report = TemporaryPath("profile.md");
        try
        {
            var import = Tool.Run([
                "import", "--checkpoint", fixture.WeightsPath, .. ModelArguments(fixture.NetworkOptions()),
                "--window", $"{fixture.Window}", "--channels", $"{fixture.Channels}", "--classes", $"{fixture.Classes}", "--output", ours]);
            Assert.AreEqual(0, import.ExitCode, import.Error);
            foreach (var (model, firstConvolution) in new[] { (ours, "float[1,4,128,144]"), (Path.Combine(fixture.Directory, "torch_export.onnx"), "float[16,") })
            {
                var profile = Tool.Run("profile", model, "--batch", "16", "--calls", "3", "--level", "ORT_ENABLE_EXTENDED", "--output", report);
                Assert.AreEqual(0, profile.ExitCode, profile.Error);
                TestContext.WriteLine(profile.Output);
                StringAssert.Contains(profile.Output, "batch 16, 3 calls, 1 thread, ORT_ENABLE_EXTENDED");
                StringAssert.Matches(profile.Output, new System.Text.RegularExpressions.Regex(@"\| GRU \| 1 \| [\d,]+\.\d \| \d+\.\d %"));
                StringAssert.Contains(profile.Output, firstConvolution, "the convolutions' layout: one wide image (ours) or one image per window (PyTorch's)");
                Assert.AreEqual(profile.Output, File.ReadAllText(report));
                var shares = System.Text.RegularExpressions.Regex.Matches(profile.Output.Split("| node |")[0], @"\| (\d+\.\d) % \|")
                    .Sum(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
                Assert.AreEqual(100, shares, 0.6, "the operators' shares add up");
            }
        }
        finally
        {
            File.Delete(ours);
            File.Delete(report);
        }
    }

    [TestMethod]
    public void Info_says_whether_a_model_is_quantised()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c9-t128-k6");
        var model = fixture.OnnxModel(Enumerable.Range(0, fixture.Classes).Select(i => $"class{i}").ToArray());
        var float32 = TemporaryPath("float32.onnx");
        var int8 = TemporaryPath("int8.onnx");
        try
        {
            File.WriteAllBytes(float32, model);
            File.WriteAllBytes(int8, HarOnnxQuantizer.QuantizeInt8(model, fixture.Input().ToSingles()));
            StringAssert.Contains(Tool.Run("info", float32).Output, "quantisation     none (float32)");
            var info = Tool.Run("info", int8);
            Assert.AreEqual(0, info.ExitCode, info.Error);
            StringAssert.Contains(info.Output, "quantisation     int8 QDQ: 8 Conv and 2 MatMul/Gemm with int8 per-channel weights and uint8 activations (min-max over 32 calibration windows)");
        }
        finally
        {
            File.Delete(float32);
            File.Delete(int8);
        }
    }

    [TestMethod]
    public void Info_on_a_file_that_is_not_a_model_is_a_clear_error()
    {
        var path = TemporaryPath("notes.onnx");
        File.WriteAllText(path, "these are notes, not a model");
        try
        {
            var result = Tool.Run("info", path);
            Assert.AreEqual(HarCommandLine.InputError, result.ExitCode);
            StringAssert.StartsWith(result.Error, $"error: '{path}' is not an ONNX model");
            Assert.IsFalse(result.Error.Contains("   at ", StringComparison.Ordinal), "no stack trace");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void Import_of_a_checkpoint_for_another_shape_lists_the_mismatch()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c9-t128-k6");
        var result = Tool.Run("import", "--checkpoint", fixture.WeightsPath, "--model", "tinierhar", "--window", "128",
            "--channels", "6", "--classes", "6", "--output", TemporaryPath("never.onnx"));
        Assert.AreEqual(HarCommandLine.InputError, result.ExitCode);
        StringAssert.Contains(result.Error, "gru.weight_ih_l0: checkpoint [48, 72] vs network [48, 48]");
    }

    [TestMethod]
    public void Invalid_model_options_name_the_option()
    {
        var result = Tool.Run("import", "--checkpoint", "absent.safetensors", "--model", "tinierhar", "--recurrent-units", "0", "--window", "128",
            "--channels", "9", "--classes", "6", "--output", TemporaryPath("never.onnx"));
        Assert.AreEqual(HarCommandLine.InputError, result.ExitCode);
        StringAssert.Contains(result.Error, "RecurrentUnits");
        Assert.IsFalse(result.Error.Contains("(Parameter '", StringComparison.Ordinal), $"no .NET parameter suffix: {result.Error}");
    }

    /// <summary>README.md's table of the tool's verbs names every verb the tool has, and no other.</summary>
    [TestMethod]
    public void The_readme_lists_every_verb_of_the_tool()
    {
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        var table = readme[readme.IndexOf("| verb | what |", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("\n\n", StringComparison.Ordinal)];
        var listed = Regex.Matches(table, @"^\| (?<verbs>[^|]+) \|", RegexOptions.Multiline).Skip(1)
            .SelectMany(m => Regex.Matches(m.Groups["verbs"].Value, "`([a-z]+)`").Select(v => v.Groups[1].Value)).Order(StringComparer.Ordinal).ToArray();
        var verbs = HarCommandLine.Build().Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal).ToArray();
        CollectionAssert.AreEqual(verbs, listed, $"README.md lists {string.Join(", ", listed)}; the tool has {string.Join(", ", verbs)}");
    }

    /// <summary>docs/cli.md's reference is each verb's own --help, in the order the tool lists the verbs (eng/cli-reference.sh
    /// writes it), with the tool's published name in the usage lines.</summary>
    [TestMethod]
    public void The_cli_reference_is_the_tools_own_help()
    {
        const string marker = "<!-- generated by eng/cli-reference.sh: each verb's --help -->\n";
        var page = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "cli.md")).ReplaceLineEndings("\n");
        var at = page.IndexOf(marker, StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, at, "docs/cli.md has the generated part's marker");
        var root = HarCommandLine.Build();
        string Help(string verb) => Tool.Run(verb, "--help").Output.ReplaceLineEndings("\n").TrimEnd('\n')
            .Replace($"\n  {root.Name} {verb}", $"\n  tinierhar {verb}", StringComparison.Ordinal);
        var expected = string.Concat(root.Subcommands.Select(verb => $"\n### `{verb.Name}`\n\n```text\n{Help(verb.Name)}\n```\n"));
        Assert.AreEqual(expected, page[(at + marker.Length)..], "regenerate the reference with eng/cli-reference.sh");
    }

    /// <summary>No verb takes two options of one name (train once had two --units, one hiding the other).</summary>
    [TestMethod]
    public void Every_option_name_is_unique_per_verb()
    {
        var verbs = HarCommandLine.Build().Subcommands;
        Assert.IsGreaterThanOrEqualTo(11, verbs.Count, "the scan finds the verbs");
        var clashes = verbs.SelectMany(verb => verb.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
                .GroupBy(name => name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{verb.Name} {g.Key} ({g.Count()} options)"))
            .ToList();
        Assert.IsEmpty(clashes, string.Join("\n", clashes));
        var train = Tool.Run("train", "--help").Output;
        StringAssert.Contains(train, "--recurrent-units");
        Assert.AreEqual(1, train.Split("--units").Length - 1, "train's help lists --units once");
    }
}
