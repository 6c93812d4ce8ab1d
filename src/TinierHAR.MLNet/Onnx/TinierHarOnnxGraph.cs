using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;

namespace TinierHAR.MLNet.Onnx;

/// <summary>TinierHAR (every ablation variant) as ONNX nodes, from (N, 1, T, C) to logits (N, K).</summary>
internal static class TinierHarOnnxGraph
{
    public static string Emit(OnnxGraphBuilder g, StateDictReader sd, TinierHarOptions o, int channels, int classes, string x)
    {
        var k = o.KernelSize;
        var index = 0;
        foreach (var (cin, cout, pool) in ModelComplexity.TinierHarBlocks(o))
        {
            var block = $"conv_blocks.{index++}";
            string h;
            if (o.Convolution == ConvolutionKind.DepthwiseSeparable)
            {
                h = OnnxLayers.Conv(g, sd, x, $"{block}.conv.0.depthwise", cin, cin, k, padding: k / 2, groups: cin);
                h = OnnxLayers.Conv(g, sd, h, $"{block}.conv.0.pointwise", cin, cout, 1, batchNorm: $"{block}.conv.1");
            }
            else
            {
                h = OnnxLayers.Conv(g, sd, x, $"{block}.conv.0", cin, cout, k, padding: k / 2, batchNorm: $"{block}.conv.1");
            }
            h = g.Node("Relu", [h]);
            if (pool) h = OnnxLayers.MaxPoolTime(g, h);
            if (o.ResidualShortcut)
            {
                var skip = cin == cout ? x : OnnxLayers.Conv(g, sd, x, $"{block}.F_shortcut.0", cin, cout, 1, batchNorm: $"{block}.F_shortcut.1");
                if (pool) skip = OnnxLayers.MaxPoolTime(g, skip);
                h = g.Node("Add", [h, skip]);
            }
            x = h;
        }

        var features = 2 * o.Filters * channels;
        var sequence = OnnxLayers.FlattenChannelsPerStep(g, x);
        if (o.Recurrent != RecurrentKind.None)
        {
            var lstm = o.Recurrent == RecurrentKind.Lstm;
            sequence = OnnxLayers.Recurrent(g, sd, sequence, lstm ? "lstm" : "gru", lstm, features, o.RecurrentUnits, o.Bidirectional);
        }

        var width = o.SequenceFeatures(channels);
        var summary = o.Aggregation switch
        {
            TemporalAggregation.Attention => AttentionPool(g, sd, sequence, width),
            TemporalAggregation.LastStep => OnnxLayers.LastStep(g, sequence),
            _ => g.Node("ReduceMean", [sequence], null, ("axes", new long[] { 1 }), ("keepdims", 0L)),
        };
        return OnnxLayers.Gemm(g, sd, summary, "classifier.0", width, classes);
    }

    /// <summary>α = softmax over time of Linear(h_t); context = Σ_t α_t·h_t.</summary>
    private static string AttentionPool(OnnxGraphBuilder g, StateDictReader sd, string sequence, int width)
    {
        var scores = OnnxLayers.Linear(g, sd, sequence, "attention", width, 1);
        var weights = g.Node("Softmax", [scores], null, ("axis", 1L));
        return g.Node("ReduceSum", [g.Node("Mul", [weights, sequence]), g.Int64s("time_axis", [1], 1)], null, ("keepdims", 0L));
    }
}
