using System.Runtime.InteropServices;
using TinierHAR.MLNet.CExport;

namespace TinierHAR.TestSupport;

/// <summary>
/// An exported C model compiled with the host's gcc (strict C99, every warning an error) into
/// <c>eng/c-model/score_windows.c</c>'s scorer, and run on windows as its own process.
/// </summary>
public sealed class CModelHost
{
    private readonly string executable;

    private CModelHost(string executable, int classes)
    {
        this.executable = executable;
        Classes = classes;
    }

    /// <summary>Classes K.</summary>
    public int Classes { get; }

    private static readonly Lazy<string?> ToolchainProblem = new(InstallToolchain);

    /// <summary>
    /// The path of <paramref name="tool"/>, installed with the others by <c>eng/c-model/toolchain.sh</c> where it is
    /// missing (as root; CI is root), or skips the test naming the package.
    /// </summary>
    public static string RequireTool(string tool, string package)
    {
        if (Find(tool) is null && ToolchainProblem.Value is { } problem)
            Assert.Inconclusive($"Skipped: needs '{tool}' (Debian package {package}), which eng/c-model/toolchain.sh installs as root; here it said: {problem}");
        return Find(tool) ?? throw new AssertFailedException($"eng/c-model/toolchain.sh ran, yet '{tool}' is not on the PATH.");
    }

    private static string? Find(string tool) => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static string? InstallToolchain()
    {
        var (exitCode, output) = ChildProcess.Run("bash", Path.Combine(SharedData.RepositoryRoot, "eng", "c-model", "toolchain.sh"),
            SharedData.RepositoryRoot, TimeSpan.FromMinutes(10));
        return exitCode == 0 ? null : output.Trim();
    }

    /// <summary>Writes <paramref name="model"/> into <paramref name="directory"/> and compiles it with the scorer.</summary>
    public static CModelHost Compile(HarCModel model, string directory, int classes)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.WriteTo(directory);
        return Compile(directory, classes);
    }

    /// <summary>Compiles the C model in <paramref name="directory"/> (as <c>export</c> wrote it) with the scorer.</summary>
    public static CModelHost Compile(string directory, int classes)
    {
        var gcc = RequireTool("gcc", "gcc");
        var scorer = Path.Combine(SharedData.RepositoryRoot, "eng", "c-model", "score_windows.c");
        var executable = Path.Combine(directory, "score_windows");
        var (exitCode, output) = ChildProcess.Run(gcc,
            $"-std=c99 -pedantic -Wall -Wextra -Wconversion -Werror -O2 -I \"{directory}\" \"{scorer}\" \"{Path.Combine(directory, HarCModel.SourceFileName)}\" -lm -o \"{executable}\"",
            directory, TimeSpan.FromMinutes(2));
        Assert.AreEqual(0, exitCode, $"gcc failed:\n{output}");
        return new CModelHost(executable, classes);
    }

    /// <summary>
    /// Scores windows (n × T × C values) and returns, per window, the K probabilities (or logits) and the class
    /// <c>tinierhar_predict</c> returned.
    /// </summary>
    public (float[][] Scores, int[] Predicted) Score(float[] windows, bool logits = false)
    {
        var directory = Path.GetDirectoryName(executable)!;
        var input = Path.Combine(directory, "windows.f32");
        var output = Path.Combine(directory, "scores.f32");
        File.WriteAllBytes(input, MemoryMarshal.AsBytes(windows.AsSpan()).ToArray());
        var (exitCode, text) = ChildProcess.Run(executable, $"{(logits ? "--logits " : "")}\"{input}\" \"{output}\"", directory, TimeSpan.FromMinutes(5));
        Assert.AreEqual(0, exitCode, text);
        var values = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(output)).ToArray();
        var rows = values.Chunk(Classes + 1).ToArray();
        return (rows.Select(r => r[..Classes]).ToArray(), rows.Select(r => (int)r[Classes]).ToArray());
    }
}
