using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;

namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// TinierHAR (every ablation variant) as ONNX nodes, from windows (N, T, C) to logits (N, K). The (k,1) kernels never
/// mix sensor channels, so the convolutions run on one image (1, F, T, N·C) whose width holds every window's every
/// channel: each Conv is then one large matrix product instead of N·C tiny ones (PyTorch's export runs N images of
/// width C). Each depthwise-separable pair is one Conv. The recurrent layer reads that image with one 2-D transpose,
/// and the attention and classifier work on its direction-major output, so no other layout change is needed. The
/// arithmetic is the network's; the measurements behind each choice are in test/TinierHAR.Benchmarks.
/// </summary>
internal static class TinierHarOnnxGraph
{
    public static string Emit(OnnxGraphBuilder g, StateDictReader sd, TinierHarOptions o, int windowLength, int channels, int classes, string x)
    {
        var k = o.KernelSize;
        long steps = windowLength;
        // (N, T, C) → (T, N, C) → (1, 1, T, N·C): column n·C + c is channel c of window n.
        x = OnnxLayers.Reshape(g, g.Node("Transpose", [x], null, ("perm", new long[] { 1, 0, 2 })), 1, 1, steps, -1);
        var index = 0;
        foreach (var (cin, cout, pool) in ModelComplexity.TinierHarBlocks(o))
        {
            var block = $"conv_blocks.{index++}";
            var h = o.Convolution == ConvolutionKind.DepthwiseSeparable
                ? OnnxLayers.SeparableConv(g, sd, x, $"{block}.conv.0", cin, cout, k, batchNorm: $"{block}.conv.1")
                : OnnxLayers.Conv(g, sd, x, $"{block}.conv.0", cin, cout, k, padding: k / 2, batchNorm: $"{block}.conv.1");
            h = g.Node("Relu", [h]);
            if (pool) h = OnnxLayers.MaxPoolTime(g, h);
            if (o.ResidualShortcut)
            {
                var skip = cin == cout ? x : OnnxLayers.Conv(g, sd, x, $"{block}.F_shortcut.0", cin, cout, 1, batchNorm: $"{block}.F_shortcut.1");
                if (pool) skip = OnnxLayers.MaxPoolTime(g, skip);
                h = g.Node("Add", [h, skip]);
            }
            x = h;
            if (pool) steps /= 2;
        }

        var filters = 2 * o.Filters;
        string sequence;
        if (o.Recurrent != RecurrentKind.None)
        {
            // (1, 2F, T', N·C) is (2F, T'·N·C) in memory: one 2-D transpose gives (T', N, C·2F), time-major for the
            // recurrent layer, with features in c·2F + f order; the input weights' columns are permuted to match
            // the authors' f·C + c (a cheap matrix transpose instead of ONNX Runtime's slow general permutation).
            var lstm = o.Recurrent == RecurrentKind.Lstm;
            var timeMajor = OnnxLayers.Reshape(g, g.Node("Transpose", [OnnxLayers.Reshape(g, x, filters, -1)], null, ("perm", new long[] { 1, 0 })), steps, -1, channels * filters);
            var order = Enumerable.Range(0, channels * filters).Select(j => j % filters * channels + j / filters).ToArray();
            var attention = o.Aggregation == TemporalAggregation.Attention;
            sequence = OnnxLayers.Recurrent(g, sd, timeMajor, lstm ? "lstm" : "gru", lstm, filters * channels, o.RecurrentUnits, o.Bidirectional,
                timeMajorInput: true, inputOrder: order, directionMajorOutput: attention);
            if (attention)
                return DirectionMajorAttentionClassifier(g, sd, sequence, o.Bidirectional ? 2 : 1, o.RecurrentUnits, classes);
        }
        else
        {
            // (1, 2F, T', N·C) → (2F, T', N, C) → (N, T', 2F, C) → (N, T', 2F·C): the authors' per-step flatten (f·C + c).
            var perStep = OnnxLayers.Reshape(g, x, filters, steps, -1, channels);
            sequence = OnnxLayers.Reshape(g, g.Node("Transpose", [perStep], null, ("perm", new long[] { 2, 1, 0, 3 })), 0, 0, -1);
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
        return ReduceSum(g, g.Node("Mul", [weights, sequence]), axis: 1, keepDims: false);
    }

    /// <summary>
    /// The attention pool and the classifier on the recurrent layer's own output (T', D, N, H), so that it is never
    /// transposed: h_t·w = Σ_d h_t,d·w_d, the context per direction, and logits = Σ_d context_d·W_dᵀ + b, each sum over
    /// d a batched MatMul followed by a ReduceSum over the direction axis.
    /// </summary>
    private static string DirectionMajorAttentionClassifier(OnnxGraphBuilder g, StateDictReader sd, string states, int directions, int hidden, int classes)
    {
        var width = directions * hidden;
        var perDirection = g.Node("MatMul", [states, g.Floats("attention.weight", sd.Take("attention.weight", 1, width).Values, directions, hidden, 1)]);
        var scores = g.Node("Add", [ReduceSum(g, perDirection, axis: 1, keepDims: true), g.Floats("attention.bias", sd.Take("attention.bias", 1).Values, 1)]);
        var weights = g.Node("Softmax", [scores], null, ("axis", 0L));
        var context = ReduceSum(g, g.Node("Mul", [weights, states]), axis: 0, keepDims: false);

        var transposed = OnnxLayers.Transposed(sd.Take("classifier.0.weight", classes, width).Values, classes, width);
        var partial = g.Node("MatMul", [context, g.Floats("classifier.0.weight_t", transposed, directions, hidden, classes)]);
        return g.Node("Add", [ReduceSum(g, partial, axis: 0, keepDims: false), g.Floats("classifier.0.bias", sd.Take("classifier.0.bias", classes).Values, classes)]);
    }

    private static string ReduceSum(OnnxGraphBuilder g, string x, long axis, bool keepDims) =>
        g.Node("ReduceSum", [x, g.Int64s("axis", [axis], 1)], null, ("keepdims", keepDims ? 1L : 0L));
}
