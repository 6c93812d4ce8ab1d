using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Checkpoints;
using TinierHAR.MLNet.Onnx;
using TinierHAR.TestSupport;

namespace TinierHAR.Benchmarks;

/// <summary>
/// The peer of our emitted graph: the golden TinierHAR fixture at the UCI-HAR shape (T 128, C 9, K 6), whose weights
/// PyTorch's own exporter wrote as <c>torch_export.onnx</c> (input <c>input</c> (N, 1, T, C), output <c>logits</c>).
/// Both graphs are built from the same weights, read from the shared folder beside the repository.
/// </summary>
internal static class PeerGraph
{
    public const int T = 128, C = 9, K = 6;

    /// <summary>Name of the peer's input.</summary>
    public const string InputName = "input";

    /// <summary>The fixture folder; a clear error where the shared folder is absent.</summary>
    public static string Folder { get; } = FindFolder();

    /// <summary>The reference weights (PyTorch state dict).</summary>
    public static string WeightsPath => Path.Combine(Folder, "weights.safetensors");

    /// <summary>PyTorch's export of those weights.</summary>
    public static byte[] TorchExport() => File.ReadAllBytes(Path.Combine(Folder, "torch_export.onnx"));

    /// <summary>Our graph of the same weights.</summary>
    public static byte[] OurGraph(IReadOnlyList<string>? classNames = null) =>
        HarOnnxModelWriter.Write(new TinierHarOptions(), T, C, K, SafeTensorsFile.Read(WeightsPath), new HarOnnxExportOptions { ClassNames = classNames });

    private static string FindFolder()
    {
        var folder = Path.Combine(SharedData.Root, "golden", "tinierhar-random-c9-t128-k6");
        return File.Exists(Path.Combine(folder, "torch_export.onnx"))
            ? folder
            : throw new DirectoryNotFoundException($"The graph benchmarks need PyTorch's export in '{folder}' (the shared folder beside the repository), which is absent.");
    }
}
