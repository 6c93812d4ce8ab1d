using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Onnx;
using TinierHAR.MLNet.Architectures;

namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// What an exported HAR model says about itself, stored in the ONNX <c>metadata_props</c>: the architecture and its
/// options, the window shape, class and channel names, sampling rate and window step where known, the
/// normalisation statistics (and whether they are folded into the graph), producer and format version.
/// </summary>
public sealed record HarModelMetadata
{
    /// <summary>Version of this metadata layout.</summary>
    public const int CurrentFormatVersion = 1;

    private const string Prefix = "tinierhar.";
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The architecture and its options.</summary>
    public required HarNetworkOptions Network { get; init; }

    /// <summary>Window length T (samples).</summary>
    public required int WindowLength { get; init; }

    /// <summary>Channels C.</summary>
    public required int Channels { get; init; }

    /// <summary>Class names, in the order of the model's outputs (K of them).</summary>
    public required IReadOnlyList<string> ClassNames { get; init; }

    /// <summary>Channel names in input order, when known.</summary>
    public IReadOnlyList<string>? ChannelNames { get; init; }

    /// <summary>Sampling rate in Hz, when known.</summary>
    public double? SamplingRateHz { get; init; }

    /// <summary>Step between window starts in samples, when known.</summary>
    public int? WindowStep { get; init; }

    /// <summary>Per-channel normalisation, when known.</summary>
    public ChannelNormalization? Normalization { get; init; }

    /// <summary>Whether <see cref="Normalization"/> is applied inside the graph (the model takes raw windows).</summary>
    public bool NormalizationInGraph { get; init; }

    /// <summary>
    /// How the graph is quantised, when it is (<see cref="HarOnnxQuantizer"/>): which operators run in int8 and how
    /// their ranges were calibrated; null for a float32 model.
    /// </summary>
    public string? Quantization { get; init; }

    /// <summary>Metadata format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Classes K.</summary>
    public int Classes => ClassNames.Count;

    /// <summary>The metadata as ONNX key/value pairs.</summary>
    public IEnumerable<KeyValuePair<string, string>> ToProperties()
    {
        var invariant = CultureInfo.InvariantCulture;
        yield return new(Prefix + "format_version", FormatVersion.ToString(invariant));
        yield return new(Prefix + "architecture", Network.ArchitectureName);
        yield return new(Prefix + "options", JsonSerializer.Serialize(Network, Network.GetType(), Json));
        yield return new(Prefix + "window_length", WindowLength.ToString(invariant));
        yield return new(Prefix + "channels", Channels.ToString(invariant));
        yield return new(Prefix + "classes", Classes.ToString(invariant));
        yield return new(Prefix + "class_names", JsonSerializer.Serialize(ClassNames));
        if (ChannelNames is not null)
            yield return new(Prefix + "channel_names", JsonSerializer.Serialize(ChannelNames));
        if (SamplingRateHz is { } rate)
            yield return new(Prefix + "sampling_rate_hz", rate.ToString("R", invariant));
        if (WindowStep is { } step)
            yield return new(Prefix + "window_step", step.ToString(invariant));
        if (Normalization is { } normalization)
        {
            yield return new(Prefix + "normalization.mean", JsonSerializer.Serialize(normalization.Mean));
            yield return new(Prefix + "normalization.scale", JsonSerializer.Serialize(normalization.Scale));
            yield return new(Prefix + "normalization.in_graph", NormalizationInGraph ? "true" : "false");
        }
        if (Quantization is not null)
            yield return new(QuantizationKey, Quantization);
    }

    /// <summary>The metadata key of <see cref="Quantization"/>.</summary>
    internal const string QuantizationKey = Prefix + "quantization";

    /// <summary>Reads the metadata of an ONNX model file written by this library.</summary>
    public static HarModelMetadata Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Model '{path}' does not exist.", path);
        return Read(File.ReadAllBytes(path), path);
    }

    /// <summary>Reads the metadata of an ONNX model image; <paramref name="source"/> names it in errors.</summary>
    public static HarModelMetadata Read(byte[] model, string source = "model")
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (Exception e) when (e is Google.Protobuf.InvalidProtocolBufferException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{source}' is not an ONNX model: {e.Message}", e);
        }
        return FromProperties(proto.MetadataProps.ToDictionary(p => p.Key, p => p.Value), source);
    }

    /// <summary>Rebuilds the metadata from ONNX key/value pairs.</summary>
    public static HarModelMetadata FromProperties(IReadOnlyDictionary<string, string> properties, string source = "model")
    {
        string Required(string key) => properties.TryGetValue(Prefix + key, out var value)
            ? value
            : throw new InvalidDataException($"'{source}' is not a TinierHAR.MLNet model: metadata '{Prefix}{key}' is missing.");
        string? Optional(string key) => properties.TryGetValue(Prefix + key, out var value) ? value : null;
        var invariant = CultureInfo.InvariantCulture;

        var version = int.Parse(Required("format_version"), invariant);
        if (version > CurrentFormatVersion)
            throw new InvalidDataException($"'{source}' has metadata format version {version}; this library reads up to {CurrentFormatVersion}.");
        var architecture = Required("architecture");
        Type optionsType = architecture switch
        {
            "tinierhar" => typeof(TinierHarOptions),
            "tinyhar" => typeof(TinyHarOptions),
            "deepconvlstm" => typeof(DeepConvLstmOptions),
            _ => throw new InvalidDataException($"'{source}': unknown architecture '{architecture}'."),
        };
        var mean = Optional("normalization.mean");
        var scale = Optional("normalization.scale");
        return new HarModelMetadata
        {
            FormatVersion = version,
            Network = (HarNetworkOptions)JsonSerializer.Deserialize(Required("options"), optionsType, Json)!,
            WindowLength = int.Parse(Required("window_length"), invariant),
            Channels = int.Parse(Required("channels"), invariant),
            ClassNames = JsonSerializer.Deserialize<string[]>(Required("class_names"))!,
            ChannelNames = Optional("channel_names") is { } channels ? JsonSerializer.Deserialize<string[]>(channels) : null,
            SamplingRateHz = Optional("sampling_rate_hz") is { } rate ? double.Parse(rate, invariant) : null,
            WindowStep = Optional("window_step") is { } step ? int.Parse(step, invariant) : null,
            Normalization = mean is not null && scale is not null
                ? new ChannelNormalization(JsonSerializer.Deserialize<float[]>(mean)!, JsonSerializer.Deserialize<float[]>(scale)!)
                : null,
            NormalizationInGraph = Optional("normalization.in_graph") == "true",
            Quantization = Optional("quantization"),
        };
    }
}
