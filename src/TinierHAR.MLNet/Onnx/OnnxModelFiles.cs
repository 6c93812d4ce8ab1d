using System.Security.Cryptography;
using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// ML.NET's OnnxTransformer reads its model from a file, also when the model is saved later: one file per model
/// content in the temp folder, kept for the process's lifetime.
/// </summary>
internal static class OnnxModelFiles
{
    public static string Persist(byte[] onnxModel)
    {
        var directory = Path.Combine(Path.GetTempPath(), "TinierHAR.MLNet", "models");
        var path = Path.Combine(directory, Convert.ToHexString(SHA256.HashData(onnxModel))[..24].ToLowerInvariant() + ".onnx");
        if (!File.Exists(path))
            AtomicFile.Write(path, stream => stream.Write(onnxModel));
        return path;
    }
}
