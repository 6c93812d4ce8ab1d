namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// Symmetric int8 weights in [−127, 127] with one scale (largest magnitude / 127) per index of an axis, or one for
/// the whole tensor: the weight quantisation of both the ONNX int8 model and the int8 C model.
/// </summary>
internal static class SymmetricInt8
{
    public static (sbyte[] Values, float[] Scales) PerChannel(float[] values, long[] dims, int? axis)
    {
        var channels = axis is { } a ? (int)dims[a] : 1;
        var inner = axis is { } b ? (int)dims.Skip(b + 1).Aggregate(1L, (x, y) => x * y) : values.Length;
        var largest = new float[channels];
        for (var i = 0; i < values.Length; i++)
            largest[i / inner % channels] = Math.Max(largest[i / inner % channels], Math.Abs(values[i]));
        var scales = largest.Select(m => m > 0 ? m / 127f : 1f).ToArray();
        var quantized = new sbyte[values.Length];
        for (var i = 0; i < values.Length; i++)
            quantized[i] = (sbyte)Math.Clamp(Math.Round(values[i] / scales[i / inner % channels], MidpointRounding.ToEven), -127, 127);
        return (quantized, scales);
    }
}
