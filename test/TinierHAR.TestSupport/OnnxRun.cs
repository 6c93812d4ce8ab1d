using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace TinierHAR.TestSupport;

/// <summary>Runs an ONNX model image once with ONNX Runtime on a batch of windows (N, T, C).</summary>
public static class OnnxRun
{
    /// <summary>The named output (e.g. "Logits") for <paramref name="windows"/> of shape N x T x C, flattened.</summary>
    public static float[] Output(byte[] model, float[] windows, int batch, int window, int channels, string output)
    {
        using var session = new InferenceSession(model);
        var input = new DenseTensor<float>(windows, [batch, window, channels]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("Features", input)], [output]);
        return results.Single().AsEnumerable<float>().ToArray();
    }

    /// <summary>Largest absolute difference of two equally long arrays.</summary>
    public static double MaxDifference(IReadOnlyList<float> actual, IReadOnlyList<double> expected)
    {
        if (actual.Count != expected.Count)
            throw new ArgumentException($"{actual.Count} values against {expected.Count} expected.");
        return actual.Select((a, i) => Math.Abs(a - expected[i])).Max();
    }
}
