using System.Globalization;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Onnx;

namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// Rewrites a float32 model of this library as an int8 QDQ model, the form ONNX Runtime fuses into integer kernels:
/// every convolution and dense layer (Conv, MatMul, Gemm with constant weights) gets int8 weights with one scale per
/// output channel, an int32 bias (convolutions), and uint8 activations on its input and, for a convolution, on its
/// output (after its ReLU where one follows), with ranges calibrated as the minimum and maximum over windows the
/// model was trained on. The recurrent layer and the remaining operators stay float32: ONNX Runtime has no int8
/// GRU or LSTM.
/// </summary>
public static class HarOnnxQuantizer
{
    private const int CalibrationBatch = 128;

    /// <summary>
    /// The int8 QDQ form of <paramref name="onnxModel"/>, its activation ranges calibrated on
    /// <paramref name="calibrationWindows"/>: windows one after another, T × C each, exactly as the model takes them
    /// (normalised already, unless the model normalises in its graph). The same model and windows give the same bytes.
    /// </summary>
    /// <param name="onnxModel">A float32 model written by this library.</param>
    /// <param name="calibrationWindows">Training windows: a few hundred to a few thousand cover the ranges.</param>
    public static byte[] QuantizeInt8(byte[] onnxModel, ReadOnlyMemory<float> calibrationWindows)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        var metadata = HarModelMetadata.Read(onnxModel);
        if (metadata.Quantization is not null)
            throw new ArgumentException($"The model is quantised already ({metadata.Quantization}).", nameof(onnxModel));
        var windowSize = metadata.WindowLength * metadata.Channels;
        if (calibrationWindows.Length == 0 || calibrationWindows.Length % windowSize != 0)
            throw new ArgumentException($"{calibrationWindows.Length} calibration values are not a positive whole number of {metadata.WindowLength} x {metadata.Channels} windows.", nameof(calibrationWindows));

        var model = ModelProto.Parser.ParseFrom(onnxModel);
        var plan = QuantizationPlan.Of(model.Graph);
        var ranges = Calibrate(model, plan.Activations, calibrationWindows, metadata);
        Rewrite(model.Graph, plan, ranges);

        var windows = calibrationWindows.Length / windowSize;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"int8 QDQ: {plan.Targets.Count(t => t.Node.OpType == "Conv")} Conv and {plan.Targets.Count(t => t.Node.OpType != "Conv")} MatMul/Gemm with int8 per-channel weights "
            + $"and uint8 activations (min-max over {windows} calibration windows); the recurrent layer and the other operators float32");
        var stale = model.MetadataProps.Where(p => p.Key == HarModelMetadata.QuantizationKey).ToList();
        foreach (var property in stale) model.MetadataProps.Remove(property);
        model.MetadataProps.Add(new StringStringEntryProto { Key = HarModelMetadata.QuantizationKey, Value = description });
        return model.ToByteArray();
    }

    /// <summary>
    /// A node to quantise, its constant weights, the axis of their output channels (null: one scale for the tensor), and
    /// a convolution's bias.
    /// </summary>
    private sealed record Target(NodeProto Node, TensorProto Weights, int? Axis, TensorProto? Bias);

    /// <summary>The nodes to quantise and the activations that get ranges: their inputs and the convolutions' outputs.</summary>
    private sealed record QuantizationPlan(IReadOnlyList<Target> Targets, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs)
    {
        public IReadOnlyList<string> Activations => [.. Inputs, .. Outputs.Except(Inputs)];

        public static QuantizationPlan Of(GraphProto graph)
        {
            var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
            var consumers = graph.Node.SelectMany(n => n.Input.Select(i => (Input: i, Node: n))).ToLookup(p => p.Input, p => p.Node, StringComparer.Ordinal);
            var targets = new List<Target>();
            foreach (var node in graph.Node)
            {
                if (node.OpType is not ("Conv" or "MatMul" or "Gemm") || node.Input.Count < 2) continue;
                if (!initializers.TryGetValue(node.Input[1], out var weights) || weights.DataType != (int)TensorProto.Types.DataType.Float) continue;
                int? axis = node.OpType switch
                {
                    "Conv" => 0,
                    "Gemm" => node.Attribute.Any(a => a.Name == "transB" && a.I == 1) ? 0 : 1,
                    // ONNX Runtime's integer MatMul takes per-column scales for a matrix only, not for a stack of them.
                    _ => weights.Dims.Count == 2 ? 1 : null,
                };
                var bias = node.OpType == "Conv" && node.Input.Count > 2 && initializers.TryGetValue(node.Input[2], out var b) ? b : null;
                targets.Add(new Target(node, weights, axis, bias));
            }
            var inputs = targets.Select(t => t.Node.Input[0]).Distinct(StringComparer.Ordinal).ToList();
            var outputs = targets.Where(t => t.Node.OpType == "Conv").Select(t =>
            {
                var output = t.Node.Output[0];
                // Conv → ReLU → Q: ONNX Runtime folds the ReLU into a quantised output whose zero point is 0.
                return consumers[output].ToList() is [{ OpType: "Relu" } relu] ? relu.Output[0] : output;
            }).Where(o => !graphOutputs.Contains(o)).Distinct(StringComparer.Ordinal).ToList();
            return new QuantizationPlan(targets, inputs, outputs);
        }
    }

    /// <summary>The minimum and maximum of each activation over the calibration windows, run by ONNX Runtime.</summary>
    private static Dictionary<string, (float Min, float Max)> Calibrate(ModelProto model, IReadOnlyList<string> activations,
        ReadOnlyMemory<float> windows, HarModelMetadata metadata)
    {
        var probe = model.Clone();
        foreach (var name in activations)
            probe.Graph.Output.Add(new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } } });
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL };
        using var session = new InferenceSession(probe.ToByteArray(), options);
        var input = model.Graph.Input[0].Name;
        var windowSize = metadata.WindowLength * metadata.Channels;
        var ranges = activations.ToDictionary(a => a, _ => (Min: float.PositiveInfinity, Max: float.NegativeInfinity), StringComparer.Ordinal);
        for (var start = 0; start < windows.Length; start += CalibrationBatch * windowSize)
        {
            var length = Math.Min(CalibrationBatch * windowSize, windows.Length - start);
            var tensor = new DenseTensor<float>(windows.Slice(start, length).ToArray(), [length / windowSize, metadata.WindowLength, metadata.Channels]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)], activations);
            foreach (var result in results)
            {
                var values = ((DenseTensor<float>)result.AsTensor<float>()).Buffer.Span;
                var (min, max) = ranges[result.Name];
                foreach (var v in values)
                {
                    if (v < min) min = v;
                    if (v > max) max = v;
                }
                ranges[result.Name] = (min, max);
            }
        }
        return ranges;
    }

    private static void Rewrite(GraphProto graph, QuantizationPlan plan, Dictionary<string, (float Min, float Max)> ranges)
    {
        var activations = ranges.ToDictionary(r => r.Key, r => UInt8Parameters(r.Value.Min, r.Value.Max), StringComparer.Ordinal);
        var dequantized = new Dictionary<string, string>(StringComparer.Ordinal);
        var constants = new List<NodeProto>();
        var nodes = new List<NodeProto>();

        foreach (var target in plan.Targets)
        {
            var (quantized, scales) = Int8PerChannel(target.Weights, target.Axis);
            graph.Initializer.Remove(target.Weights);
            graph.Initializer.Add(quantized);
            target.Node.Input[1] = Dequantize(graph, constants, quantized.Name, scales, new sbyte[scales.Length], TensorProto.Types.DataType.Int8, target.Axis);
            if (target.Bias is { } bias)
            {
                // int32 bias on the scale of input × weights, so that ONNX Runtime accumulates it in integers.
                var inputScale = activations[target.Node.Input[0]].Scale;
                var biasScales = Enumerable.Range(0, (int)bias.Dims[0]).Select(o => scales[scales.Length == 1 ? 0 : o] * inputScale).ToArray();
                var values = OnnxInitializers.Values(bias);
                var integers = values.Select((b, o) => (int)Math.Clamp(Math.Round(b / biasScales[o], MidpointRounding.ToEven), int.MinValue, int.MaxValue)).ToArray();
                var quantizedBias = OnnxGraphBuilder.Tensor(bias.Name + "_quantized", TensorProto.Types.DataType.Int32, integers, integers.Length);
                graph.Initializer.Remove(bias);
                graph.Initializer.Add(quantizedBias);
                target.Node.Input[2] = Dequantize(graph, constants, quantizedBias.Name, biasScales, new int[biasScales.Length], TensorProto.Types.DataType.Int32, 0);
            }
        }

        void QuantizeAfter(string value)
        {
            if (!activations.TryGetValue(value, out var parameters) || dequantized.ContainsKey(value)) return;
            var scale = Initializer(graph, OnnxGraphBuilder.Tensor(value + "_scale", TensorProto.Types.DataType.Float, [parameters.Scale]));
            var zeroPoint = Initializer(graph, OnnxGraphBuilder.Tensor(value + "_zero_point", TensorProto.Types.DataType.Uint8, [parameters.ZeroPoint]));
            nodes.Add(QdqNode("QuantizeLinear", [value, scale, zeroPoint], value + "_quantized"));
            nodes.Add(QdqNode("DequantizeLinear", [value + "_quantized", scale, zeroPoint], value + "_dequantized"));
            dequantized[value] = value + "_dequantized";
        }

        var targets = plan.Targets.Select(t => t.Node).ToHashSet();
        var outputs = plan.Outputs.ToHashSet(StringComparer.Ordinal);
        foreach (var input in graph.Input) QuantizeAfter(input.Name);
        foreach (var node in graph.Node.ToList())
        {
            for (var i = 0; i < node.Input.Count; i++)
            {
                // A quantised node reads its input through Q/DQ; a convolution's quantised output is read so by all.
                var reads = (targets.Contains(node) && i == 0) || outputs.Contains(node.Input[i]);
                if (reads && dequantized.TryGetValue(node.Input[i], out var dq)) node.Input[i] = dq;
            }
            nodes.Add(node);
            foreach (var output in node.Output) QuantizeAfter(output);
        }
        graph.Node.Clear();
        graph.Node.AddRange(constants);
        graph.Node.AddRange(nodes);
    }

    /// <summary>
    /// A DequantizeLinear of a constant with its zero points (all 0, of the constant's type): one scale per index of
    /// <paramref name="axis"/>, or one for the tensor.
    /// </summary>
    private static string Dequantize<T>(GraphProto graph, List<NodeProto> constants, string quantized, float[] scales, T[] zeroPoints,
        TensorProto.Types.DataType type, int? axis) where T : unmanaged
    {
        long[] dims = axis is null ? [] : [scales.Length];
        var scale = Initializer(graph, OnnxGraphBuilder.Tensor(quantized + "_scale", TensorProto.Types.DataType.Float, scales, dims));
        var zeroPoint = Initializer(graph, OnnxGraphBuilder.Tensor(quantized + "_zero_point", type, zeroPoints, dims));
        var node = QdqNode("DequantizeLinear", [quantized, scale, zeroPoint], quantized + "_dequantized");
        if (axis is { } a)
            node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = a });
        constants.Add(node);
        return quantized + "_dequantized";
    }

    private static NodeProto QdqNode(string op, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static string Initializer(GraphProto graph, TensorProto tensor)
    {
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Asymmetric uint8 over [min, max] widened to hold 0 (so that zero padding stays exact).</summary>
    private static (float Scale, byte ZeroPoint) UInt8Parameters(float min, float max)
    {
        var low = Math.Min(0f, min);
        var high = Math.Max(0f, max);
        if (!(high > low)) return (1f, 0);
        var scale = (high - low) / 255f;
        return (scale, (byte)Math.Clamp(Math.Round(-low / scale, MidpointRounding.ToEven), 0, 255));
    }

    /// <summary>Symmetric int8 weights with one scale per index of <paramref name="axis"/>, or one for all.</summary>
    private static (TensorProto Quantized, float[] Scales) Int8PerChannel(TensorProto weights, int? axis)
    {
        var dims = weights.Dims.ToArray();
        var (quantized, scales) = SymmetricInt8.PerChannel(OnnxInitializers.Values(weights), dims, axis);
        return (OnnxGraphBuilder.Tensor(weights.Name + "_quantized", TensorProto.Types.DataType.Int8, quantized, dims), scales);
    }
}
