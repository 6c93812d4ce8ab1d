using System.Globalization;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Onnx;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Native;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Onnx;
using TinierHAR.Trainer.Tests.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Tests.Onnx;

[TestClass]
public sealed class OnnxExportParityTests
{
    private const double Tolerance = 1e-5;
    private const string Document = "docs/networks-and-onnx.md";
    private const int Window = 96, Channels = 5, Classes = 4, Batch = 6;

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Architectures()
    {
        foreach (var row in ParameterCountTests.Variants())
            yield return row;
        yield return ["TinyHAR", new TinyHarOptions()];
        yield return ["DeepConvLSTM", new DeepConvLstmOptions { Filters = 16, LstmUnits = 24 }];
        yield return ["DeepConvLSTM, 2 LSTM layers", new DeepConvLstmOptions { Filters = 8, LstmUnits = 12, LstmLayers = 2 }];
    }

    /// <summary>A network with random weights and random BatchNorm statistics (so that folding is exercised), in eval mode.</summary>
    private static HarNetwork RandomNetwork(HarNetworkOptions options)
    {
        random.manual_seed(11);
        var network = HarNetwork.Create(options, Window, Channels, Classes);
        // Scalars held by using locals and tensors by a dispose scope: nothing libtorch reads is left to the GC.
        using (no_grad())
        using (NewDisposeScope())
        {
            using Scalar meanScale = 0.3, varianceShift = 0.5, gamma = 0.4;
            foreach (var (name, buffer) in network.named_buffers())
            {
                if (name.EndsWith("running_mean", StringComparison.Ordinal)) buffer.copy_(randn_like(buffer).mul_(meanScale));
                if (name.EndsWith("running_var", StringComparison.Ordinal)) buffer.copy_(rand_like(buffer).add_(varianceShift, RootedScalars.One));
            }
            foreach (var (name, parameter) in network.named_parameters())
            {
                if (name.EndsWith("gamma", StringComparison.Ordinal)) parameter.fill_(gamma);
            }
        }
        network.eval();
        return network;
    }

    private static (float[] Windows, float[] Logits) TorchSharpLogits(HarNetwork network)
    {
        random.manual_seed(5);
        using var x = randn(Batch, 1, Window, Channels);
        using var noGrad = no_grad();
        using var logits = network.forward(x);
        return (x.data<float>().ToArray(), logits.data<float>().ToArray());
    }

    [TestMethod]
    [DynamicData(nameof(Architectures))]
    public void Exported_model_scores_like_TorchSharp(string variant, HarNetworkOptions options)
    {
        using var network = RandomNetwork(options);
        var (windows, expected) = TorchSharpLogits(network);

        var model = HarOnnxExporter.Export(network);
        var actual = OnnxRun.Output(model, windows, Batch, Window, Channels, HarOnnxModelWriter.LogitsName);
        var difference = OnnxRun.MaxDifference(actual, expected.Select(v => (double)v).ToArray());
        TestContext.WriteLine($"{variant}: max |ONNX Runtime - TorchSharp| = {difference:E3}");
        Assert.IsLessThanOrEqualTo(Tolerance, difference, variant);
        var quoted = RepositoryDocuments.Quoted(Document, @"score in ONNX Runtime within (\S+) of TorchSharp \(`OnnxExportParityTests`\)");
        Assert.IsLessThanOrEqualTo(double.Parse(quoted, CultureInfo.InvariantCulture), difference, $"{variant}: the bound {Document} quotes");

        var scores = OnnxRun.Output(model, windows, Batch, Window, Channels, HarOnnxModelWriter.ScoreName);
        for (var b = 0; b < Batch; b++)
            Assert.AreEqual(1.0, scores.Skip(b * Classes).Take(Classes).Sum(), 1e-5, "softmax rows sum to one");
    }

    /// <summary>Negative control: with the GRU's r and z gate blocks left in PyTorch order, the same comparison fails.</summary>
    [TestMethod]
    public void A_wrong_gate_order_is_caught()
    {
        using var network = RandomNetwork(new TinierHarOptions());
        var (windows, expected) = TorchSharpLogits(network);
        var stateDict = HarOnnxExporter.StateDict(network);
        const int hidden = 16;
        foreach (var name in stateDict.Keys.Where(n => n.StartsWith("gru.", StringComparison.Ordinal)).ToList())
        {
            var tensor = stateDict[name];
            var block = tensor.Values.Length / 3;
            stateDict[name] = tensor with { Values = OnnxLayersSwap(tensor.Values, block) };
        }
        Assert.AreEqual(hidden * 3, stateDict["gru.bias_ih_l0"].Values.Length);

        var model = HarOnnxModelWriter.Write(network.Options, Window, Channels, Classes, stateDict);
        var actual = OnnxRun.Output(model, windows, Batch, Window, Channels, HarOnnxModelWriter.LogitsName);
        var difference = OnnxRun.MaxDifference(actual, expected.Select(v => (double)v).ToArray());
        TestContext.WriteLine($"wrong gate order: max |ONNX Runtime - TorchSharp| = {difference:E3}");
        Assert.IsGreaterThan(1e-3, difference);
        Assert.AreEqual(RepositoryDocuments.Scientific(difference), RepositoryDocuments.Quoted(Document, @"leaves the GRU gates in PyTorch order is caught \((\S+)\)"), "the difference the docs quote");
    }

    private static float[] OnnxLayersSwap(float[] values, int block) =>
        values.Skip(block).Take(block).Concat(values.Take(block)).Concat(values.Skip(2 * block)).ToArray();

    [TestMethod]
    public void A_network_in_training_mode_is_refused()
    {
        using var network = HarNetwork.Create(new TinierHarOptions(), Window, Channels, Classes);
        network.train();
        var error = Assert.ThrowsExactly<InvalidOperationException>(() => HarOnnxExporter.Export(network));
        StringAssert.Contains(error.Message, "eval()");
    }

    [TestMethod]
    public void Export_writes_the_metadata()
    {
        using var network = RandomNetwork(new TinierHarOptions { Aggregation = TemporalAggregation.Mean, Recurrent = RecurrentKind.Lstm });
        var options = new HarOnnxExportOptions
        {
            ClassNames = ["walk", "sit", "stand", "lie"],
            ChannelNames = ["ax", "ay", "az", "gx", "gy"],
            SamplingRateHz = 50,
            WindowStep = 48,
            Normalization = new ChannelNormalization([0.1f, 0.2f, 0.3f, 0.4f, 0.5f], [1f, 2f, 3f, 4f, 5f]),
        };
        var metadata = HarModelMetadata.Read(HarOnnxExporter.Export(network, options));

        var tinier = (TinierHarOptions)metadata.Network;
        Assert.AreEqual(TemporalAggregation.Mean, tinier.Aggregation);
        Assert.AreEqual(RecurrentKind.Lstm, tinier.Recurrent);
        Assert.AreEqual((Window, Channels, Classes), (metadata.WindowLength, metadata.Channels, metadata.Classes));
        CollectionAssert.AreEqual(options.ClassNames.ToArray(), metadata.ClassNames.ToArray());
        CollectionAssert.AreEqual(options.ChannelNames.ToArray(), metadata.ChannelNames!.ToArray());
        Assert.AreEqual(50.0, metadata.SamplingRateHz);
        Assert.AreEqual(48, metadata.WindowStep);
        CollectionAssert.AreEqual(options.Normalization.Scale, metadata.Normalization!.Scale);
        Assert.IsFalse(metadata.NormalizationInGraph);
    }
}
