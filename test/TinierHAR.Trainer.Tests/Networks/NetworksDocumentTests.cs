using System.Globalization;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Onnx;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Onnx;

namespace TinierHAR.Trainer.Tests.Networks;

/// <summary>
/// docs/networks-and-onnx.md gives the networks' defaults, the ONNX format the writers emit and the int8 calibration
/// sample and throughput batch as the code has them.
/// </summary>
[TestClass]
public sealed class NetworksDocumentTests
{
    [TestMethod]
    public void The_docs_describe_the_networks_defaults_and_the_onnx_format()
    {
        var (tinier, tiny, deepConvLstm) = (new TinierHarOptions(), new TinyHarOptions(), new DeepConvLstmOptions());
        RepositoryDocuments.AssertQuotedIn("docs/networks-and-onnx.md",
            string.Create(CultureInfo.InvariantCulture,
                $"filters F ({tinier.Filters}), extra blocks M ({tinier.ExtraBlocks}), GRU units H ({tinier.RecurrentUnits}), dropout ({tinier.Dropout}), kernel ({tinier.KernelSize})"),
            $"(`TinyHarOptions`, filter_num {tiny.Filters})",
            $"(`DeepConvLstmOptions`: {deepConvLstm.ConvBlocks} blocks, {deepConvLstm.Filters} filters, LSTM {deepConvLstm.LstmUnits})",
            $"write opset {OnnxGraphBuilder.Opset} / IR {OnnxGraphBuilder.IrVersion} models",
            string.Create(CultureInfo.InvariantCulture, $"(up to {Int8Comparison.CalibrationWindows:N0}, evenly spaced"),
            $"one window's latency and windows per second in batches of {Int8Comparison.ThroughputBatch}, both on one thread");
    }
}
