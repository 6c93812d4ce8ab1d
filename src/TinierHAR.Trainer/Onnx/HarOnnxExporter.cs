using TinierHAR.MLNet.Checkpoints;
using TinierHAR.MLNet.Onnx;
using TinierHAR.Trainer.Networks;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Onnx;

/// <summary>
/// Exports a trained network as the ONNX model of <see cref="HarOnnxModelWriter"/> (TorchSharp has no ONNX exporter:
/// the graph is written from the network's options and its state dict).
/// </summary>
public static class HarOnnxExporter
{
    /// <summary>Returns the ONNX model image of <paramref name="network"/>, which must be in eval mode.</summary>
    public static byte[] Export(HarNetwork network, HarOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.training)
        {
            throw new InvalidOperationException(
                $"{network.Options.ArchitectureName} is in training mode: call eval() before exporting (a scoring graph has no dropout and uses BatchNorm's running statistics).");
        }
        return HarOnnxModelWriter.Write(network.Options, network.WindowLength, network.Channels, network.Classes, StateDict(network), options);
    }

    /// <summary>Writes the ONNX model of <paramref name="network"/> to <paramref name="path"/> (complete or not at all).</summary>
    public static void Export(HarNetwork network, string path, HarOnnxExportOptions? options = null)
    {
        var image = Export(network, options);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, image);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The module's parameters and buffers as float arrays under their state-dict names.</summary>
    internal static Dictionary<string, WeightTensor> StateDict(nn.Module module)
    {
        var result = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        using var noGrad = no_grad();
        foreach (var (name, tensor) in module.state_dict())
        {
            // The scope holds the chain's intermediate tensors until their calls are done, then frees them.
            using var scope = NewDisposeScope();
            var values = tensor.detach().cpu().to_type(ScalarType.Float32).contiguous();
            result.Add(name, new WeightTensor(tensor.shape, values.data<float>().ToArray()));
        }
        return result;
    }
}
