using System.Text.Json;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Checkpoints;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.TestSupport;

/// <summary>One folder of <c>shared/golden</c>: reference weights, an input batch and the expected logits.</summary>
public sealed class GoldenFixture
{
    private GoldenFixture(string directory, JsonElement meta)
    {
        Directory = directory;
        Model = meta.GetProperty("model").GetString()!;
        Config = meta.GetProperty("config");
        Window = meta.GetProperty("window").GetInt32();
        Channels = meta.GetProperty("channels").GetInt32();
        Classes = meta.GetProperty("classes").GetInt32();
        Parameters = meta.GetProperty("parameters").GetInt64();
    }

    /// <summary>The fixture folder.</summary>
    public string Directory { get; }

    /// <summary>Model name as written by the reference code (TinierHAR, TinyHAR, DeepConvLSTM).</summary>
    public string Model { get; }

    /// <summary>The reference code's model configuration.</summary>
    public JsonElement Config { get; }

    /// <summary>Window length T.</summary>
    public int Window { get; }

    /// <summary>Channels C.</summary>
    public int Channels { get; }

    /// <summary>Classes K.</summary>
    public int Classes { get; }

    /// <summary>Parameter count of the reference model.</summary>
    public long Parameters { get; }

    /// <summary>Our options for the reference model, from the reference code's configuration names.</summary>
    public HarNetworkOptions NetworkOptions() => Model switch
    {
        "TinierHAR" => new TinierHarOptions
        {
            Filters = Config.GetProperty("nb_filters").GetInt32(),
            ExtraBlocks = Config.GetProperty("nb_conv_blocks").GetInt32(),
            RecurrentUnits = Config.GetProperty("nb_units_gru").GetInt32(),
            Dropout = Config.GetProperty("drop_prob").GetDouble(),
        },
        "TinyHAR" => new TinyHarOptions
        {
            Filters = Config.GetProperty("filter_num").GetInt32(),
            Dropout = Config.GetProperty("dropout").GetDouble(),
        },
        "DeepConvLSTM" => new DeepConvLstmOptions
        {
            ConvBlocks = Config.GetProperty("nb_conv_blocks").GetInt32(),
            Filters = Config.GetProperty("nb_filters").GetInt32(),
            LstmUnits = Config.GetProperty("nb_units_lstm").GetInt32(),
            LstmLayers = Config.GetProperty("nb_layers_lstm").GetInt32(),
            Dropout = Config.GetProperty("drop_prob").GetDouble(),
        },
        _ => throw new NotSupportedException($"Unknown reference model '{Model}'."),
    };

    /// <summary>The reference weights as an ONNX model written by the library, with the given class names.</summary>
    public byte[] OnnxModel(IReadOnlyList<string> classNames) =>
        HarOnnxModelWriter.Write(NetworkOptions(), Window, Channels, Classes, SafeTensorsFile.Read(WeightsPath), new HarOnnxExportOptions { ClassNames = classNames });

    /// <summary>Path of the reference state dict.</summary>
    public string WeightsPath => Path.Combine(Directory, "weights.safetensors");

    /// <summary>The input batch (B, 1, T, C).</summary>
    public NpyArray Input() => NpyArray.Read(Path.Combine(Directory, "input.npy"));

    /// <summary>The reference logits (B, K).</summary>
    public NpyArray ExpectedLogits() => NpyArray.Read(Path.Combine(Directory, "expected_logits.npy"));

    /// <summary>The true labels, where the fixture has them.</summary>
    public NpyArray? Labels() => File.Exists(Path.Combine(Directory, "labels.npy")) ? NpyArray.Read(Path.Combine(Directory, "labels.npy")) : null;

    /// <summary>Loads the fixture <paramref name="name"/>, skipping the test where shared data is absent.</summary>
    public static GoldenFixture Load(string name)
    {
        var directory = SharedData.RequireDirectory(Path.Combine("golden", name));
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "meta.json")));
        return new GoldenFixture(directory, meta.RootElement.Clone());
    }
}
