namespace TinierHAR.MLNet.Checkpoints;

/// <summary>One named tensor of a state dict, as 32-bit floats in C order (what ONNX initializers need).</summary>
/// <param name="Shape">The dimensions.</param>
/// <param name="Values">The values, C order.</param>
public sealed record WeightTensor(long[] Shape, float[] Values)
{
    /// <summary>Number of elements.</summary>
    public long Count => Values.LongLength;

    /// <summary>The shape as text, e.g. <c>[48, 72]</c>.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
