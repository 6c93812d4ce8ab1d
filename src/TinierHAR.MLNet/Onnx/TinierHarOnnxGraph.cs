using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;

namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// TinierHAR (every ablation variant) as ONNX nodes, from windows (N, T, C) to logits (N, K). The convolutions, whose
/// (k,1) kernels never mix sensor channels, run on the channels folded into the batch, (N·C, F, T), as 1-D Convs, and
/// each depthwise-separable pair as one Conv: ONNX Runtime runs the 2-D form of TinierHAR's few filters through slow
/// layout conversions (measured by the benchmarks in test/TinierHAR.Benchmarks). The arithmetic is the network's.
/// </summary>
internal static class TinierHarOnnxGraph
{
    public static string Emit(OnnxGraphBuilder g, StateDictReader sd, TinierHarOptions o, int windowLength, int channels, int classes, string x)
    {
        var k = o.KernelSize;
        long steps = windowLength;
        x = OnnxLayers.Reshape(g, g.Node("Transpose", [x], null, ("perm", new long[] { 0, 2, 1 })), -1, 1, steps);
        var index = 0;
        foreach (var (cin, cout, pool) in ModelComplexity.TinierHarBlocks(o))
        {
            var block = $"conv_blocks.{index++}";
            var h = o.Convolution == ConvolutionKind.DepthwiseSeparable
                ? OnnxLayers.SeparableConv1d(g, sd, x, $"{block}.conv.0", cin, cout, k, batchNorm: $"{block}.conv.1")
                : OnnxLayers.Conv1d(g, sd, x, $"{block}.conv.0", cin, cout, k, batchNorm: $"{block}.conv.1");
            h = g.Node("Relu", [h]);
            if (pool) h = OnnxLayers.MaxPoolTime1d(g, h);
            if (o.ResidualShortcut)
            {
                var skip = cin == cout ? x : OnnxLayers.Conv1d(g, sd, x, $"{block}.F_shortcut.0", cin, cout, 1, batchNorm: $"{block}.F_shortcut.1");
                if (pool) skip = OnnxLayers.MaxPoolTime1d(g, skip);
                h = g.Node("Add", [h, skip]);
            }
            x = h;
            if (pool) steps /= 2;
        }

        var filters = 2 * o.Filters;
        string sequence;
        if (o.Recurrent != RecurrentKind.None)
        {
            // (N·C, 2F, T') is (N·C·2F, T') in memory: one 2-D transpose gives (T', N, C·2F), time-major for the
            // recurrent layer, with features in c·2F + f order; the input weights' columns are permuted to match
            // the authors' f·C + c (a cheap matrix transpose instead of ONNX Runtime's slow general permutation).
            var lstm = o.Recurrent == RecurrentKind.Lstm;
            var timeMajor = OnnxLayers.Reshape(g, g.Node("Transpose", [OnnxLayers.Reshape(g, x, -1, steps)], null, ("perm", new long[] { 1, 0 })), steps, -1, channels * filters);
            var order = Enumerable.Range(0, channels * filters).Select(j => j % filters * channels + j / filters).ToArray();
            sequence = OnnxLayers.Recurrent(g, sd, timeMajor, lstm ? "lstm" : "gru", lstm, filters * channels, o.RecurrentUnits, o.Bidirectional,
                timeMajorInput: true, inputOrder: order);
        }
        else
        {
            // (N, C, 2F, T') → (N, T', 2F, C) → (N, T', 2F·C): the authors' per-step flatten (feature f·C + c).
            var perStep = OnnxLayers.Reshape(g, x, -1, channels, filters, steps);
            sequence = OnnxLayers.Reshape(g, g.Node("Transpose", [perStep], null, ("perm", new long[] { 0, 3, 2, 1 })), 0, 0, -1);
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
