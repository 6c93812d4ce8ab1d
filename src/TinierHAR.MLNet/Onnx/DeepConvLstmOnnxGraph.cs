using TinierHAR.MLNet.Architectures;

namespace TinierHAR.MLNet.Onnx;

/// <summary>DeepConvLSTM as ONNX nodes, from images (N, 1, T, C) to logits (N, K).</summary>
internal static class DeepConvLstmOnnxGraph
{
    public static string Emit(OnnxGraphBuilder g, StateDictReader sd, DeepConvLstmOptions o, int channels, int classes, string x)
    {
        for (var block = 0; block < o.ConvBlocks; block++)
        {
            var cin = block == 0 ? 1 : o.Filters;
            x = g.Node("Relu", [OnnxLayers.Conv(g, sd, x, $"conv_blocks.{block}.conv1", cin, o.Filters, DeepConvLstmOptions.KernelSize)]);
            x = g.Node("Relu", [OnnxLayers.Conv(g, sd, x, $"conv_blocks.{block}.conv2", o.Filters, o.Filters, DeepConvLstmOptions.KernelSize, stride: 2)]);
        }
        x = OnnxLayers.FlattenChannelsPerStep(g, x);
        for (var layer = 0; layer < o.LstmLayers; layer++)
        {
            var input = layer == 0 ? o.Filters * channels : o.LstmUnits;
            x = OnnxLayers.Recurrent(g, sd, x, $"lstm_layers.{layer}", lstm: true, input, o.LstmUnits, bidirectional: false);
        }
        return OnnxLayers.Gemm(g, sd, OnnxLayers.LastStep(g, x), "fc", o.LstmUnits, classes);
    }
}
