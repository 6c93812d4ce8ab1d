using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Onnx;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.MLNet.CExport;

/// <summary>
/// Writes a trained TinierHAR network as dependency-free C99 for microcontrollers: const weight arrays (flash), one
/// static work buffer, no heap and no library beyond <c>&lt;math.h&gt;</c>. The window is <c>[T][C]</c> row-major,
/// raw samples in the model's units; the normalisation runs inside; <c>tinierhar_predict</c> writes the K class
/// probabilities and returns the arg-max. The weights are the ONNX model's (BatchNorm folded); each depthwise-separable
/// pair, which the ONNX graph holds as one k-wide convolution, is split back into its depthwise and pointwise factors,
/// which take a fraction of the flash.
/// </summary>
public static class HarCExporter
{
    private const string RuntimeResource = "TinierHAR.MLNet.CExport.tinierhar_runtime.c";
    private const string WeightsMarker = "/* @weights */";

    /// <summary>The C model of a bundle's network, with the bundle's normalisation inside.</summary>
    public static HarCModel ExportBundle(HarModelBundle bundle, bool int8Weights = false)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Export(bundle.RequireNetwork(), new HarCExportOptions { Int8Weights = int8Weights, Normalization = bundle.Normalization });
    }

    /// <summary>The C model of a float32 ONNX model written by this library (<see cref="HarOnnxModelWriter"/>).</summary>
    public static HarCModel Export(byte[] onnxModel, HarCExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        options ??= new HarCExportOptions();
        var metadata = HarModelMetadata.Read(onnxModel);
        if (metadata.Quantization is not null)
            throw new ArgumentException($"The model is quantised already ({metadata.Quantization}); export its float32 model (int8 C weights come from HarCExportOptions.Int8Weights).", nameof(onnxModel));
        if (metadata.Network is not TinierHarOptions network)
            throw new NotSupportedException($"The C export covers TinierHAR; this model is {metadata.Network.ArchitectureName}.");
        OptionRules.Require(network.Recurrent == RecurrentKind.Gru, nameof(TinierHarOptions.Recurrent), $"the C export covers a GRU (this network has {network.Recurrent}).");
        OptionRules.Require(network.Aggregation == TemporalAggregation.Attention, nameof(TinierHarOptions.Aggregation),
            $"the C export covers attention (this network has {network.Aggregation}).");

        var weights = new StateDictReader(OnnxInitializers.Floats(ModelProto.Parser.ParseFrom(onnxModel).Graph), "The ONNX model", "the C export");
        var normalization = options.Normalization;
        if (metadata.NormalizationInGraph)
        {
            OptionRules.Require(normalization is null, nameof(options.Normalization), "the model's graph normalises its windows already.");
            normalization = metadata.Normalization!;
            weights.Take("normalization.mean", metadata.Channels);
            weights.Take("normalization.scale", metadata.Channels);
        }
        normalization?.Validate(metadata.Channels);

        var source = new TinierHarCSource(network, metadata, weights, normalization, options.Int8Weights);
        weights.EnsureAllUsed();
        var hash = Convert.ToHexString(SHA256.HashData(onnxModel)).ToLowerInvariant();
        var header = Header(metadata, source, options.Int8Weights, normalization is not null, hash);
        return new HarCModel(header, source.Text(Runtime(), hash), source.WeightBytes, source.WorkBufferBytes);
    }

    private static string Header(HarModelMetadata metadata, TinierHarCSource source, bool int8, bool normalizes, string hash)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(invariant, $"/* TinierHAR model in C99, written by TinierHAR.MLNet from an ONNX model with SHA-256 {hash}.");
        text.AppendLine(invariant, $" * Window: TINIERHAR_T samples x TINIERHAR_C channels, row-major ([t][c]), {(normalizes ? "raw samples in the model's units (the normalisation runs inside)" : "samples as the ONNX model takes them")}.");
        if (metadata.ChannelNames is { } channels)
            text.AppendLine(invariant, $" * Channels: {string.Join(", ", channels)}.");
        text.AppendLine(invariant, $" * Weights: {(int8 ? "int8 with one float scale per output channel" : "float32")}, {source.WeightBytes} bytes of const arrays. */");
        text.AppendLine("#ifndef TINIERHAR_MODEL_H");
        text.AppendLine("#define TINIERHAR_MODEL_H");
        text.AppendLine();
        text.AppendLine(invariant, $"#define TINIERHAR_T {metadata.WindowLength}");
        text.AppendLine(invariant, $"#define TINIERHAR_C {metadata.Channels}");
        text.AppendLine(invariant, $"#define TINIERHAR_K {metadata.Classes}");
        text.AppendLine(invariant, $"#define TINIERHAR_INT8 {(int8 ? 1 : 0)}");
        text.AppendLine("/* Bytes of the one static work buffer (the activations); the stack adds a few hundred. */");
        text.AppendLine(invariant, $"#define TINIERHAR_WORK_BYTES {source.WorkBufferBytes}");
        text.AppendLine();
        text.AppendLine("/* Class names, in the order of the probabilities. */");
        text.AppendLine("extern const char *const tinierhar_class_names[TINIERHAR_K];");
        text.AppendLine();
        text.AppendLine("/* Scores one window: writes the TINIERHAR_K class probabilities and returns the most probable class. Not reentrant. */");
        text.AppendLine("int tinierhar_predict(const float *window, float *probabilities);");
        text.AppendLine();
        text.AppendLine("/* The same with the TINIERHAR_K logits (before the softmax) instead of the probabilities. */");
        text.AppendLine("int tinierhar_logits(const float *window, float *logits);");
        text.AppendLine();
        text.AppendLine("#endif");
        return text.ToString();
    }

    private static string Runtime()
    {
        using var stream = typeof(HarCExporter).Assembly.GetManifestResourceStream(RuntimeResource)
            ?? throw new InvalidOperationException($"The assembly lacks its resource {RuntimeResource}.");
        using var reader = new StreamReader(stream);
        var runtime = reader.ReadToEnd();
        return runtime.Contains(WeightsMarker, StringComparison.Ordinal) ? runtime : throw new InvalidOperationException($"{RuntimeResource} lacks its {WeightsMarker} line.");
    }

    /// <summary>The generated part: the shape's constants and every array, in the order the runtime reads them.</summary>
    private sealed class TinierHarCSource
    {
        private readonly CSourceWriter arrays;
        private readonly Dictionary<string, int> constants = new(StringComparer.Ordinal);

        public TinierHarCSource(TinierHarOptions o, HarModelMetadata metadata, StateDictReader weights, ChannelNormalization? normalization, bool int8)
        {
            arrays = new CSourceWriter(int8);
            var (t, c, k) = (metadata.WindowLength, metadata.Channels, metadata.Classes);
            var kernel = o.KernelSize;
            if (normalization is not null)
            {
                arrays.Floats("th_mean", normalization.Mean);
                arrays.Floats("th_divisor", normalization.Scale);
            }

            var blocks = ModelComplexity.TinierHarBlocks(o).ToArray();
            var (length, row, widest) = (t, 0, 1);
            var table = new List<string>();
            for (var i = 0; i < blocks.Length; i++)
            {
                var (cin, cout, pool) = blocks[i];
                var name = $"conv_blocks.{i}";
                var full = weights.Take($"{name}.conv.0.weight", cout, cin, kernel, 1).Values;
                var bias = arrays.Floats($"th_b{i}_bias", weights.Take($"{name}.conv.0.bias", cout).Values);
                string depthwise = "0, 0", weight;
                if (o.Convolution == ConvolutionKind.DepthwiseSeparable)
                {
                    var (d, p) = SeparableFactors(full, cout, cin, kernel, name);
                    var (dValues, dScales) = arrays.Weights($"th_b{i}_depthwise", d, cin);
                    depthwise = $"{dValues}, {dScales}";
                    var (pValues, pScales) = arrays.Weights($"th_b{i}_pointwise", p, cout);
                    weight = $"{pValues}, {pScales}";
                }
                else
                {
                    var (wValues, wScales) = arrays.Weights($"th_b{i}_weight", full, cout);
                    weight = $"{wValues}, {wScales}";
                }
                var shortcut = "0, 0, 0";
                if (o.ResidualShortcut && cin != cout)
                {
                    var (sValues, sScales) = arrays.Weights($"th_b{i}_shortcut", weights.Take($"{name}.F_shortcut.0.weight", cout, cin, 1, 1).Values, cout);
                    shortcut = $"{sValues}, {sScales}, {arrays.Floats($"th_b{i}_shortcut_bias", weights.Take($"{name}.F_shortcut.0.bias", cout).Values)}";
                }
                table.Add($"    {{{cin}, {cout}, {(pool ? 1 : 0)}, {(o.ResidualShortcut ? 1 : 0)}, {depthwise}, {weight}, {bias}, {shortcut}}},");
                // The row holds every block's input and output but the first's input (the window) and the last's output.
                var steps = pool ? length / 2 : length;
                if (i > 0) row = Math.Max(row, cin * length);
                if (i < blocks.Length - 1) row = Math.Max(row, cout * steps);
                length = steps;
                widest = Math.Max(widest, Math.Max(cin, cout));
            }

            var (directions, units) = (o.Bidirectional ? 2 : 1, o.RecurrentUnits);
            var gruInput = c * 2 * o.Filters;
            arrays.Weights("th_gru_w", weights.Take("gru.W", directions, 3 * units, gruInput).Values, directions * 3 * units);
            arrays.Weights("th_gru_r", weights.Take("gru.R", directions, 3 * units, units).Values, directions * 3 * units);
            arrays.Floats("th_gru_b", weights.Take("gru.B", directions, 6 * units).Values);
            arrays.Weights("th_attention_w", weights.Take("attention.weight", directions, units, 1).Values, 1);
            arrays.Floats("th_attention_b", weights.Take("attention.bias", 1).Values);
            var width = directions * units;
            var transposed = weights.Take("classifier.0.weight_t", directions, units, k).Values;
            arrays.Weights("th_classifier_w", OnnxLayers.Transposed(transposed, width, k), k);
            arrays.Floats("th_classifier_b", weights.Take("classifier.0.bias", k).Values);

            arrays.Line("static const th_block th_blocks[TH_BLOCKS] = {");
            foreach (var entry in table) arrays.Line(entry);
            arrays.Line("};");
            arrays.Line();
            arrays.Line("const char *const tinierhar_class_names[TINIERHAR_K] = {");
            foreach (var className in metadata.ClassNames) arrays.Line($"    {CSourceWriter.StringLiteral(className)},");
            arrays.Line("};");

            row = Math.Max(row, length); // then the attention's scores, one per step
            constants["TH_INT8"] = int8 ? 1 : 0;
            constants["TH_NORMALIZE"] = normalization is null ? 0 : 1;
            constants["TH_KERNEL"] = kernel;
            constants["TH_BLOCKS"] = blocks.Length;
            constants["TH_WIDEST"] = widest;
            constants["TH_ROW"] = row;
            constants["TH_RING"] = kernel / 2 + 2;
            constants["TH_STEPS"] = length;
            constants["TH_GRU_INPUT"] = gruInput;
            constants["TH_UNITS"] = units;
            constants["TH_DIRECTIONS"] = directions;
            WorkBufferBytes = 4 * (gruInput * length + row);
        }

        public int WeightBytes => arrays.Bytes;

        public int WorkBufferBytes { get; }

        public string Text(string runtime, string hash)
        {
            var split = runtime.IndexOf(WeightsMarker, StringComparison.Ordinal);
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"/* TinierHAR model in C99, written by TinierHAR.MLNet from an ONNX model with SHA-256 {hash}. */");
            text.AppendLine("#include <math.h>");
            if (constants["TH_INT8"] == 1) text.AppendLine("#include <stdint.h>");
            text.AppendLine("#include \"tinierhar_model.h\"");
            text.AppendLine();
            text.AppendLine("#define TH_T TINIERHAR_T");
            text.AppendLine("#define TH_C TINIERHAR_C");
            text.AppendLine("#define TH_K TINIERHAR_K");
            foreach (var (name, value) in constants)
                text.AppendLine(CultureInfo.InvariantCulture, $"#define {name} {value}");
            text.AppendLine();
            text.Append(runtime.AsSpan(0, split));
            text.Append(arrays);
            text.Append(runtime.AsSpan(split + WeightsMarker.Length));
            return text.ToString();
        }
    }

    /// <summary>
    /// Splits the folded convolution W[o,i,j] = P[o,i]·D[i,j] of a depthwise-separable pair back into its factors: per
    /// input channel, D is the row of the slice's largest weight and P the column at that weight's tap, divided by it.
    /// Computed in double; the product must give back W within float rounding, or the weights are not a separable pair.
    /// </summary>
    internal static (float[] Depthwise, float[] Pointwise) SeparableFactors(float[] w, int outChannels, int inChannels, int kernel, string name)
    {
        var depthwise = new float[inChannels * kernel];
        var pointwise = new float[outChannels * inChannels];
        double At(int o, int i, int j) => w[(o * inChannels + i) * kernel + j];
        for (var i = 0; i < inChannels; i++)
        {
            var (pivotOut, pivotTap, largest) = (0, 0, 0.0);
            for (var o = 0; o < outChannels; o++)
                for (var j = 0; j < kernel; j++)
                    if (Math.Abs(At(o, i, j)) > largest)
                        (pivotOut, pivotTap, largest) = (o, j, Math.Abs(At(o, i, j)));
            if (largest == 0) continue;
            for (var j = 0; j < kernel; j++)
                depthwise[i * kernel + j] = (float)At(pivotOut, i, j);
            for (var o = 0; o < outChannels; o++)
                pointwise[o * inChannels + i] = (float)(At(o, i, pivotTap) / At(pivotOut, i, pivotTap));
            for (var o = 0; o < outChannels; o++)
                for (var j = 0; j < kernel; j++)
                {
                    var error = Math.Abs((double)pointwise[o * inChannels + i] * depthwise[i * kernel + j] - At(o, i, j));
                    if (error > 1e-5 * largest)
                        throw new InvalidDataException($"{name}: the convolution is not a depthwise-separable pair (input channel {i}, output {o}, tap {j} is off by {error:G3}).");
                }
        }
        return (depthwise, pointwise);
    }
}
