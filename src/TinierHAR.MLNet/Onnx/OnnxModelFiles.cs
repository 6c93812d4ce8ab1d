using System.Security.Cryptography;

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
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Convert.ToHexString(SHA256.HashData(onnxModel))[..24].ToLowerInvariant() + ".onnx");
        if (!File.Exists(path))
        {
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(temporary, onnxModel);
            File.Move(temporary, path, overwrite: true);
        }
        return path;
    }
}
