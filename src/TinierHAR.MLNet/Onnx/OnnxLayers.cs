namespace TinierHAR.MLNet.Onnx;

/// <summary>The layer mappings shared by the three graphs (PyTorch state-dict names in, ONNX nodes out).</summary>
internal static class OnnxLayers
{
    private const double BatchNormEpsilon = 1e-5;

    /// <summary>
    /// A (k,1) convolution along time with its bias on (N, F, T, C); when <paramref name="batchNorm"/> names a
    /// following BatchNorm, it is folded in (computed in double): W' = W·s, b' = (b − mean)·s + β with s = γ/√(var + ε).
    /// </summary>
    public static string Conv(OnnxGraphBuilder g, StateDictReader sd, string x, string conv, int inChannels, int outChannels,
        int kernel, int stride = 1, int padding = 0, int groups = 1, string? batchNorm = null) =>
        Conv(g, x, conv, FoldBatchNorm(sd, sd.Take($"{conv}.weight", outChannels, inChannels / groups, kernel, 1).Values,
            sd.Take($"{conv}.bias", outChannels).Values, batchNorm), inChannels / groups, kernel, stride, padding, groups);

    /// <summary>
    /// A depthwise (k,1) convolution followed by a pointwise one, as one (k,1) Conv with "same" padding:
    /// W[o,i,j] = P[o,i]·D[i,j], b[o] = Σᵢ P[o,i]·d[i] + p[o] (exact: the zero padding precedes both), then the BatchNorm folded.
    /// </summary>
    public static string SeparableConv(OnnxGraphBuilder g, StateDictReader sd, string x, string conv, int inChannels, int outChannels,
        int kernel, string batchNorm)
    {
        var depthwise = sd.Take($"{conv}.depthwise.weight", inChannels, 1, kernel, 1).Values;
        var depthwiseBias = sd.Take($"{conv}.depthwise.bias", inChannels).Values;
        var pointwise = sd.Take($"{conv}.pointwise.weight", outChannels, inChannels, 1, 1).Values;
        var pointwiseBias = sd.Take($"{conv}.pointwise.bias", outChannels).Values;
        var w = new float[outChannels * inChannels * kernel];
        var b = new float[outChannels];
        for (var o = 0; o < outChannels; o++)
        {
            double bias = pointwiseBias[o];
            for (var i = 0; i < inChannels; i++)
            {
                double p = pointwise[o * inChannels + i];
                bias += p * depthwiseBias[i];
                for (var j = 0; j < kernel; j++)
                    w[(o * inChannels + i) * kernel + j] = (float)(p * depthwise[i * kernel + j]);
            }
            b[o] = (float)bias;
        }
        return Conv(g, x, conv, FoldBatchNorm(sd, w, b, batchNorm), inChannels, kernel, stride: 1, padding: kernel / 2, groups: 1);
    }

    private static string Conv(OnnxGraphBuilder g, string x, string conv, (float[] W, float[] B) weights, int inPerGroup, int kernel,
        int stride, int padding, int groups)
    {
        var outChannels = weights.B.Length;
        return g.Node("Conv", [x, g.Floats(conv + ".weight", weights.W, outChannels, inPerGroup, kernel, 1), g.Floats(conv + ".bias", weights.B, outChannels)], null,
            ("kernel_shape", new long[] { kernel, 1 }), ("strides", new long[] { stride, 1 }),
            ("pads", new long[] { padding, 0, padding, 0 }), ("group", (long)groups));
    }

    private static (float[] W, float[] B) FoldBatchNorm(StateDictReader sd, float[] w, float[] b, string? batchNorm)
    {
        if (batchNorm is null) return (w, b);
        var outChannels = b.Length;
        var (scale, shift) = BatchNormAffine(sd, batchNorm, outChannels);
        var perOutput = w.Length / outChannels;
        return (w.Select((v, i) => (float)(v * scale[i / perOutput])).ToArray(), b.Select((v, o) => (float)(v * scale[o] + shift[o])).ToArray());
    }

    private static readonly string[] BatchNormTensors = ["weight", "bias", "running_mean", "running_var"];

    /// <summary>An eval-mode BatchNorm that cannot be folded (it follows a ReLU): one BatchNormalization node.</summary>
    public static string BatchNorm(OnnxGraphBuilder g, StateDictReader sd, string x, string name, int channels)
    {
        var inputs = BatchNormTensors.Select(p => g.Floats($"{name}.{p}", sd.Take($"{name}.{p}", channels).Values, channels));
        return g.Node("BatchNormalization", [x, .. inputs], null, ("epsilon", (float)BatchNormEpsilon));
    }

    private static (double[] Scale, double[] Shift) BatchNormAffine(StateDictReader sd, string name, int channels)
    {
        var gamma = sd.Take($"{name}.weight", channels).Values;
        var beta = sd.Take($"{name}.bias", channels).Values;
        var mean = sd.Take($"{name}.running_mean", channels).Values;
        var variance = sd.Take($"{name}.running_var", channels).Values;
        var scale = new double[channels];
        var shift = new double[channels];
        for (var c = 0; c < channels; c++)
        {
            scale[c] = gamma[c] / Math.Sqrt(variance[c] + BatchNormEpsilon);
            shift[c] = beta[c] - mean[c] * scale[c];
        }
        return (scale, shift);
    }

    /// <summary>Per-channel <c>(x − mean) / scale</c> on a tensor whose last axis is the C channels.</summary>
    public static string Normalize(OnnxGraphBuilder g, string x, ChannelNormalization normalization, int channels, string? output = null) =>
        g.Node("Div", [g.Node("Sub", [x, g.Floats("normalization.mean", normalization.Mean, channels)]),
            g.Floats("normalization.scale", normalization.Scale, channels)], output);

    /// <summary>MaxPool2d((2,1)): ONNX's stride defaults to 1, PyTorch's to the kernel, so it is written.</summary>
    public static string MaxPoolTime(OnnxGraphBuilder g, string x) =>
        g.Node("MaxPool", [x], null, ("kernel_shape", new long[] { 2, 1 }), ("strides", new long[] { 2, 1 }));

    /// <summary>Windows (N, T, C) as one-channel images (N, 1, T, C), the networks' PyTorch input.</summary>
    public static string Image(OnnxGraphBuilder g, string windows) =>
        g.Node("Unsqueeze", [windows, g.Int64s("channel_axis", [1], 1)]);

    /// <summary>(N, F, T, C) → (N, T, F·C) with feature index f·C + c, the authors' permute-and-flatten.</summary>
    public static string FlattenChannelsPerStep(OnnxGraphBuilder g, string x) =>
        Reshape(g, g.Node("Transpose", [x], null, ("perm", new long[] { 0, 2, 1, 3 })), 0, 0, -1);

    public static string Reshape(OnnxGraphBuilder g, string x, params long[] shape) =>
        g.Node("Reshape", [x, g.Int64s("shape", shape, shape.Length)]);

    /// <summary>A Linear layer on the last axis of a tensor of any rank: MatMul with Wᵀ, then Add of the bias.</summary>
    public static string Linear(OnnxGraphBuilder g, StateDictReader sd, string x, string name, int inFeatures, int outFeatures, bool bias = true)
    {
        var transposed = Transposed(sd.Take($"{name}.weight", outFeatures, inFeatures).Values, outFeatures, inFeatures);
        var y = g.Node("MatMul", [x, g.Floats(name + ".weight_t", transposed, inFeatures, outFeatures)]);
        return bias ? g.Node("Add", [y, g.Floats(name + ".bias", sd.Take($"{name}.bias", outFeatures).Values, outFeatures)]) : y;
    }

    /// <summary>The (columns, rows) transpose of a row-major (rows, columns) matrix: a Linear layer's Wᵀ for MatMul.</summary>
    public static float[] Transposed(float[] matrix, int rows, int columns)
    {
        var transposed = new float[matrix.Length];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                transposed[c * rows + r] = matrix[r * columns + c];
        return transposed;
    }

    /// <summary>A Linear layer on a (N, in) matrix: one Gemm with transB.</summary>
    public static string Gemm(OnnxGraphBuilder g, StateDictReader sd, string x, string name, int inFeatures, int outFeatures, string? output = null) =>
        g.Node("Gemm", [x, g.Floats(name + ".weight", sd.Take($"{name}.weight", outFeatures, inFeatures).Values, outFeatures, inFeatures),
            g.Floats(name + ".bias", sd.Take($"{name}.bias", outFeatures).Values, outFeatures)], output, ("transB", 1L));

    /// <summary>The feature vector at the final time index of (N, T, W): <c>x[:, -1]</c>.</summary>
    public static string LastStep(OnnxGraphBuilder g, string x) =>
        g.Node("Gather", [x, g.Int64s("last_index", [-1])], null, ("axis", 1L));

    /// <summary>
    /// A one-layer batch-first PyTorch GRU or LSTM on (N, T, I) → (N, T, directions·H). Gate blocks are re-ordered
    /// (GRU r,z,n → z,r,h; LSTM i,f,g,o → i,o,f,c), B = [b_ih, b_hh] per direction, GRU with linear_before_reset=1
    /// (PyTorch's n gate); ORT's kernel wants sequence-major input, hence the transposes (the first one is skipped
    /// when <paramref name="timeMajorInput"/> says that <paramref name="x"/> is (T, N, I) already). Where the input's
    /// features come in another order, <paramref name="inputOrder"/>[j] names the PyTorch feature at position j.
    /// With <paramref name="directionMajorOutput"/>, the operator's own output (T, directions, N, H) is returned as it is.
    /// </summary>
    public static string Recurrent(OnnxGraphBuilder g, StateDictReader sd, string x, string prefix, bool lstm, int input, int hidden, bool bidirectional,
        bool timeMajorInput = false, int[]? inputOrder = null, bool directionMajorOutput = false)
    {
        var gates = lstm ? 4 : 3;
        int[] order = lstm ? [0, 3, 1, 2] : [1, 0, 2];
        var suffixes = bidirectional ? new[] { "", "_reverse" } : [""];
        var directions = suffixes.Length;

        float[] Stack(string parameter, long columns) => suffixes
            .SelectMany(s => ReorderGates(sd.Take($"{prefix}.{parameter}_l0{s}", gates * hidden, columns).Values, order, hidden * (int)columns))
            .ToArray();

        var w = Stack("weight_ih", input);
        if (inputOrder is not null)
            w = Enumerable.Range(0, w.Length).Select(i => w[i - i % input + inputOrder[i % input]]).ToArray();
        var r = Stack("weight_hh", hidden);
        var biases = suffixes.SelectMany(s => ReorderGates(sd.Take($"{prefix}.bias_ih_l0{s}", gates * hidden).Values, order, hidden)
            .Concat(ReorderGates(sd.Take($"{prefix}.bias_hh_l0{s}", gates * hidden).Values, order, hidden))).ToArray();

        var sequenceMajor = timeMajorInput ? x : g.Node("Transpose", [x], null, ("perm", new long[] { 1, 0, 2 }));
        var attributes = new List<(string, object)> { ("hidden_size", (long)hidden), ("direction", bidirectional ? "bidirectional" : "forward") };
        if (!lstm) attributes.Add(("linear_before_reset", 1L));
        var y = g.Node(lstm ? "LSTM" : "GRU",
            [sequenceMajor, g.Floats(prefix + ".W", w, directions, gates * hidden, input), g.Floats(prefix + ".R", r, directions, gates * hidden, hidden),
             g.Floats(prefix + ".B", biases, directions, 2 * gates * hidden)], null, [.. attributes]);
        if (directionMajorOutput) return y;
        var batchMajor = g.Node("Transpose", [y], null, ("perm", new long[] { 2, 0, 1, 3 }));
        return Reshape(g, batchMajor, 0, 0, -1);
    }

    /// <summary>Re-orders the row blocks (each <paramref name="block"/> values long) of a gate-stacked tensor.</summary>
    public static IEnumerable<float> ReorderGates(float[] values, int[] order, int block) =>
        order.SelectMany(gate => values.Skip(gate * block).Take(block));
}
