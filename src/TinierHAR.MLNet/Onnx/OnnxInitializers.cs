using System.Runtime.InteropServices;
using Onnx;
using TinierHAR.MLNet.Checkpoints;

namespace TinierHAR.MLNet.Onnx;

/// <summary>The constant tensors of an ONNX graph, read back.</summary>
internal static class OnnxInitializers
{
    /// <summary>The graph's float initializers by name, as the tensors a <see cref="StateDictReader"/> hands out.</summary>
    public static Dictionary<string, WeightTensor> Floats(GraphProto graph) => graph.Initializer
        .Where(t => t.DataType == (int)TensorProto.Types.DataType.Float)
        .ToDictionary(t => t.Name, t => new WeightTensor([.. t.Dims], Values(t)), StringComparer.Ordinal);

    /// <summary>A float tensor's values, stored raw or as a repeated field.</summary>
    public static float[] Values(TensorProto tensor) =>
        tensor.RawData.Length == 0 ? [.. tensor.FloatData] : MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray();
}
