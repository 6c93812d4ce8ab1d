using System.CommandLine;
using TinierHAR.MLNet.Onnx;
using TinierHAR.Trainer.Checkpoints;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Onnx;

namespace TinierHAR.Cli;

/// <summary>
/// <c>import</c>: a PyTorch checkpoint of the authors' code (.safetensors or .pth) → an ONNX model for ML.NET.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<FileInfo>("--checkpoint") { Description = "PyTorch state dict: .safetensors, .pth or .pt", Required = true };
        var window = new Option<int>("--window") { Description = "Window length T in samples", Required = true };
        var channels = new Option<int>("--channels") { Description = "Sensor channels C", Required = true };
        var classes = new Option<int>("--classes") { Description = "Classes K", Required = true };
        var classNames = new Option<string?>("--class-names") { Description = "Comma-separated class names (K of them)" };
        var output = new Option<FileInfo>("--output") { Description = "The .onnx file to write", Required = true };
        var network = new NetworkOptionsBinder();

        var command = new Command("import", "Convert a PyTorch checkpoint of TinierHAR, TinyHAR or DeepConvLSTM into an ONNX model.")
        {
            checkpoint, window, channels, classes, classNames, output,
        };
        network.AddTo(command);
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var options = network.Bind(parse);
            using var model = HarNetwork.Create(options, parse.GetValue(window), parse.GetValue(channels), parse.GetValue(classes));
            CheckpointImporter.Load(model, parse.GetValue(checkpoint)!.FullName);
            model.eval();
            var names = parse.GetValue(classNames)?.Split(',', StringSplitOptions.TrimEntries);
            var target = parse.GetValue(output)!.FullName;
            HarOnnxExporter.Export(model, target, new HarOnnxExportOptions { ClassNames = names });
            console.WriteLine($"wrote {target} ({options.ArchitectureName}, {model.ParameterCount:N0} parameters, {new FileInfo(target).Length:N0} bytes)");
            return 0;
        }));
        return command;
    }
}
