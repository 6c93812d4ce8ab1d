using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TinierHAR.TestSupport;

namespace TinierHAR.Packaging.Tests;

/// <summary>
/// The libraries as a user gets them: packed into a local folder feed, then consumed by version from new applications
/// outside the repository (test/consumer), with the native runtimes the README tells users to add.
/// </summary>
[TestClass]
public sealed class PackageConsumerTests
{
    private static readonly string[] Libraries = ["TinierHAR.MLNet", "TinierHAR.Datasets", "TinierHAR.Trainer", "TinierHAR.Plots", "TinierHAR.Cluster"];
    private static readonly string Work = Path.Combine(Path.GetTempPath(), $"tinierhar-packages-{Guid.NewGuid():N}");
    private static readonly string Feed = Path.Combine(Work, "feed");
    // A version of its own per run: the NuGet cache would serve a stale package under an unchanged one.
    private static readonly string Version = $"0.1.0-consumer.{DateTime.UtcNow:yyyyMMddHHmmss}";

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void Pack(TestContext context)
    {
        var (exitCode, output) = ChildProcess.Run("bash", $"eng/pack.sh \"{Feed}\" {Version} \"{Path.Combine(Work, "build")}\"", SharedData.RepositoryRoot, TimeSpan.FromMinutes(10));
        Assert.AreEqual(0, exitCode, output);
    }

    [ClassCleanup]
    public static void Clean()
    {
        if (Directory.Exists(Work))
            Directory.Delete(Work, recursive: true);
    }

    /// <summary>What ML.NET's packages carry: description, licence expression, package README, repository commit,
    /// XML docs, a symbols package, deterministic assemblies; and the native runtimes left to the application.</summary>
    [TestMethod]
    public void Packages_carry_the_metadata_of_MLNet_addons_and_leave_native_runtimes_to_the_application()
    {
        var head = ChildProcess.Run("git", "rev-parse HEAD", SharedData.RepositoryRoot, TimeSpan.FromMinutes(1)).Output.Trim();
        var dependencies = new Dictionary<string, List<string>>();
        foreach (var id in Libraries)
        {
            using var package = ZipFile.OpenRead(Path.Combine(Feed, $"{id}.{Version}.nupkg"));
            var nuspec = XDocument.Load(package.Entries.Single(e => e.FullName == $"{id}.nuspec").Open());
            dependencies[id] = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
            var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            XElement Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);
            TestContext.WriteLine($"{id}: {Value("description")}");

            Assert.IsFalse(string.IsNullOrWhiteSpace(Value("description")), $"{id}: description");
            Assert.AreEqual("expression", Element("license").Attribute("type")?.Value, $"{id}: licence");
            Assert.AreEqual("MIT", Value("license"), $"{id}: licence");
            Assert.AreEqual("PACKAGE.md", Value("readme"), $"{id}: readme");
            Assert.IsTrue(package.Entries.Any(e => e.FullName == "PACKAGE.md"), $"{id}: PACKAGE.md packed");
            Assert.AreEqual(head, Element("repository").Attribute("commit")?.Value, $"{id}: repository commit");
            Assert.IsTrue(package.Entries.Any(e => e.FullName == $"lib/net8.0/{id}.xml"), $"{id}: XML docs");

            var assembly = package.Entries.Single(e => e.FullName == $"lib/net8.0/{id}.dll");
            using (var image = new MemoryStream())
            {
                using (var stream = assembly.Open())
                    stream.CopyTo(image);
                image.Position = 0;
                using var pe = new PEReader(image);
                Assert.IsTrue(pe.ReadDebugDirectory().Any(d => d.Type == DebugDirectoryEntryType.Reproducible), $"{id}: deterministic build");
            }
            using var symbols = ZipFile.OpenRead(Path.Combine(Feed, $"{id}.{Version}.snupkg"));
            Assert.IsTrue(symbols.Entries.Any(e => e.FullName == $"lib/net8.0/{id}.pdb"), $"{id}: symbols package");
        }

        var scoring = dependencies["TinierHAR.MLNet"];
        TestContext.WriteLine($"TinierHAR.MLNet depends on {string.Join(", ", scoring)}");
        CollectionAssert.Contains(scoring, "Microsoft.ML.OnnxRuntime.Managed");
        CollectionAssert.DoesNotContain(scoring, "Microsoft.ML.OnnxRuntime", "the application chooses the CPU or GPU build of ONNX Runtime");
        Assert.IsFalse(scoring.Any(d => d.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) || d.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase)), "scoring needs no TorchSharp");

        var cluster = dependencies["TinierHAR.Cluster"];
        TestContext.WriteLine($"TinierHAR.Cluster depends on {string.Join(", ", cluster)}");
        CollectionAssert.Contains(cluster, "TinierHAR.MLNet");
        Assert.IsFalse(cluster.Any(d => d.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) || d == "TinierHAR.Trainer" || d == "Microsoft.ML.OnnxRuntime"),
            "the scoring cluster needs no TorchSharp and leaves the ONNX Runtime build to the application");

        var training = dependencies["TinierHAR.Trainer"];
        TestContext.WriteLine($"TinierHAR.Trainer depends on {string.Join(", ", training)}");
        CollectionAssert.Contains(training, "TorchSharp");
        Assert.IsFalse(training.Any(d => d.StartsWith("TorchSharp-", StringComparison.OrdinalIgnoreCase) || d.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase)),
            "the application chooses the libtorch build");
    }

    /// <summary>
    /// A new console application references TinierHAR.Trainer by version, trains a short run and saves the model; a
    /// second one, in a new process, references only TinierHAR.MLNet, loads the model and scores the same windows:
    /// identical scores, and TorchSharp neither referenced nor loaded. Native loading is proven from the packages alone.
    /// </summary>
    [TestMethod]
    [Timeout(1_200_000, CooperativeCancellation = true)]
    public void A_new_application_trains_from_the_packages_and_another_scores_without_TorchSharp()
    {
        var consumers = Path.Combine(Work, "consumers");
        foreach (var project in new[] { "Trainer", "Scorer" })
            CopyFolder(Path.Combine(SharedData.RepositoryRoot, "test", "consumer", project), Path.Combine(consumers, project));
        File.WriteAllText(Path.Combine(consumers, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="tinierhar-local" value="{Feed}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Work, "packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackagesFolder()}" />
              </fallbackPackageFolders>
            </configuration>
            """);
        var versions = $"-p:TinierHarVersion={Version} -p:TorchSharpCpuVersion={PinnedPackages.Version("TorchSharp-cpu")} -p:OnnxRuntimeVersion={PinnedPackages.Version("Microsoft.ML.OnnxRuntime")}";
        var models = Path.Combine(Work, "model");
        Directory.CreateDirectory(models);

        var train = ChildProcess.Run("dotnet", $"run --project Trainer -c Release {versions} -- \"{models}\"", consumers, TimeSpan.FromMinutes(10));
        TestContext.WriteLine(train.Output);
        Assert.AreEqual(0, train.ExitCode, train.Output);
        StringAssert.Contains(train.Output, "trained on ");
        Assert.IsTrue(File.Exists(Path.Combine(models, "model.zip")));

        var score = ChildProcess.Run("dotnet", $"run --project Scorer -c Release {versions} -- \"{models}\"", consumers, TimeSpan.FromMinutes(10));
        TestContext.WriteLine(score.Output);
        Assert.AreEqual(0, score.ExitCode, score.Output);
        StringAssert.Contains(score.Output, "identical to the training process, without TorchSharp");
        var scorerOutput = Path.Combine(consumers, "Scorer", "bin", "Release", "net10.0");
        Assert.IsFalse(Directory.EnumerateFiles(scorerOutput, "*", SearchOption.AllDirectories).Any(f => Path.GetFileName(f).Contains("torch", StringComparison.OrdinalIgnoreCase)),
            "the scoring application's output holds nothing of TorchSharp or libtorch");
    }

    /// <summary>
    /// A new console application made only as the README's install section says (its <c>nuget.config</c> with the feed,
    /// its <c>dotnet add package</c> commands, the version <c>eng/pack.sh</c> was given replaced by this run's) builds and
    /// runs every C# block of README.md and docs/*.md as its Program.cs, so that no snippet can rot. The only departure
    /// from the README: the packages are cached in this run's folder, reading the machine's cache as a fallback.
    /// </summary>
    [TestMethod]
    [Timeout(1_800_000, CooperativeCancellation = true)]
    public void Every_csharp_block_of_the_documents_runs_in_a_new_application_installed_as_the_README_says()
    {
        var readme = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "README.md"));
        var install = Section(readme, "## Install from packages");
        var packedVersion = Regex.Match(install, @"eng/pack\.sh \S+ (\S+)").Groups[1].Value;
        Assert.IsFalse(string.IsNullOrEmpty(packedVersion), "the install section packs with eng/pack.sh FEED VERSION");
        var config = XDocument.Parse(Blocks(install, "xml").Single());
        var feed = config.Descendants("add").Single(e => e.Parent?.Name == "packageSources");
        feed.SetAttributeValue("value", Feed);
        config.Root!.Add(new XElement("config", new XElement("add", new XAttribute("key", "globalPackagesFolder"), new XAttribute("value", Path.Combine(Work, "packages")))),
            new XElement("fallbackPackageFolders", new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", MachinePackagesFolder()))));
        var adds = Blocks(install, "sh").SelectMany(b => b.Split('\n')).Where(l => l.StartsWith("dotnet add package ", StringComparison.Ordinal)).ToList();
        Assert.IsNotEmpty(adds, "the install section adds the packages");

        var app = Path.Combine(Work, "readme-app");
        var created = ChildProcess.Run("dotnet", $"new console -o \"{app}\" -n ReadmeApp", Work, TimeSpan.FromMinutes(5));
        Assert.AreEqual(0, created.ExitCode, created.Output);
        config.Save(Path.Combine(app, "nuget.config"));
        foreach (var add in adds)
        {
            var added = ChildProcess.Run("dotnet", add["dotnet ".Length..].Replace($"--version {packedVersion}", $"--version {Version}", StringComparison.Ordinal), app, TimeSpan.FromMinutes(10));
            Assert.AreEqual(0, added.ExitCode, $"{add}\n{added.Output}");
        }

        var blocks = RepositoryDocuments.Files.SelectMany(d => Blocks(File.ReadAllText(d), "csharp").Select(code => (Document: Path.GetFileName(d), Code: code))).ToList();
        Assert.IsNotEmpty(blocks, "the README has its pipeline snippet");
        var readmeOutput = "";
        foreach (var (document, code) in blocks)
        {
            File.WriteAllText(Path.Combine(app, "Program.cs"), code);
            var run = ChildProcess.Run("dotnet", "run -c Release", app, TimeSpan.FromMinutes(15));
            TestContext.WriteLine($"{document}:\n{run.Output}");
            Assert.AreEqual(0, run.ExitCode, $"a C# block of {document} fails to build or run:\n{run.Output}");
            if (document == "README.md")
                readmeOutput += run.Output;
        }
        StringAssert.Contains(readmeOutput, "held-out subjects: accuracy", "the README's pipeline evaluates on held-out subjects");
    }

    /// <summary>The text of the section under <paramref name="heading"/>, up to the next heading of its level.</summary>
    private static string Section(string document, string heading)
    {
        var start = document.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"the README has a section '{heading}'");
        var next = document.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return next < 0 ? document[start..] : document[start..next];
    }

    /// <summary>The fenced code blocks of <paramref name="language"/> in <paramref name="markdown"/>.</summary>
    private static IEnumerable<string> Blocks(string markdown, string language) =>
        Regex.Matches(markdown, $@"^```{Regex.Escape(language)}\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline).Select(m => m.Groups[1].Value);

    /// <summary>The machine's NuGet cache, read as a fallback so that the consumers do not download libtorch again.</summary>
    private static string MachinePackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Where(f => !BuildOutput.Contains(f)))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
