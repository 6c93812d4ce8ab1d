using TinierHAR.MLNet.Architectures;

namespace TinierHAR.MLNet.Onnx;

/// <summary>TinyHAR as ONNX nodes, from images (N, 1, T, C) to logits (N, K).</summary>
internal static class TinyHarOnnxGraph
{
    public static string Emit(OnnxGraphBuilder g, StateDictReader sd, TinyHarOptions o, int channels, int classes, string x)
    {
        var f = o.Filters;
        for (var layer = 0; layer < TinyHarOptions.ConvLayers; layer++)
        {
            x = OnnxLayers.Conv(g, sd, x, $"layers_conv.{layer}.0", layer == 0 ? 1 : f, f, TinyHarOptions.KernelSize, stride: layer % 2 == 1 ? 2 : 1);
            // BatchNorm follows the ReLU here, so it stays a node of its own.
            x = OnnxLayers.BatchNorm(g, sd, g.Node("Relu", [x]), $"layers_conv.{layer}.2", f);
        }

        // Cross-channel self-attention at every step on (N, T, C, F); softmax over the query index.
        x = g.Node("Transpose", [x], null, ("perm", new long[] { 0, 2, 3, 1 }));
        var query = OnnxLayers.Linear(g, sd, x, "channel_interaction.query", f, f, bias: false);
        var key = OnnxLayers.Linear(g, sd, x, "channel_interaction.key", f, f, bias: false);
        var value = OnnxLayers.Linear(g, sd, x, "channel_interaction.value", f, f, bias: false);
        var swapLast = ("perm", (object)new long[] { 0, 1, 3, 2 });
        var beta = g.Node("Softmax", [g.Node("MatMul", [query, g.Node("Transpose", [key], null, swapLast)])], null, ("axis", 2L));
        var attended = g.Node("MatMul", [g.Node("Transpose", [beta], null, swapLast), value]);
        var gamma = g.Floats("channel_interaction.gamma", sd.Take("channel_interaction.gamma", 1).Values, 1);
        x = g.Node("Add", [x, g.Node("Mul", [gamma, attended])]);

        x = OnnxLayers.Reshape(g, x, 0, 0, -1);
        x = g.Node("Relu", [OnnxLayers.Linear(g, sd, x, "channel_fusion.fc", channels * f, 2 * f)]);
        var h = OnnxLayers.Recurrent(g, sd, x, "temporal_interaction.lstm", lstm: true, 2 * f, 2 * f, bidirectional: false);

        // e_t = w2ᵀ tanh(W1 h_t + b1); out = h_T + γ·Σ_t softmax(e)_t h_t.
        var energy = OnnxLayers.Linear(g, sd, g.Node("Tanh", [OnnxLayers.Linear(g, sd, h, "temporal_fusion.fc_1", 2 * f, 2 * f)]),
            "temporal_fusion.fc_2", 2 * f, 1, bias: false);
        var weights = g.Node("Softmax", [energy], null, ("axis", 1L));
        var context = g.Node("ReduceSum", [g.Node("Mul", [weights, h]), g.Int64s("time_axis", [1], 1)], null, ("keepdims", 0L));
        var gamma2 = g.Floats("temporal_fusion.gamma", sd.Take("temporal_fusion.gamma", 1).Values, 1);
        var summary = g.Node("Add", [OnnxLayers.LastStep(g, h), g.Node("Mul", [gamma2, context])]);
        return OnnxLayers.Gemm(g, sd, summary, "prediction", 2 * f, classes);
    }
}
