using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using TinierHAR.MLNet.CExport;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Cli;

/// <summary><c>export</c>: a trained model in a form that runs without .NET; today dependency-free C99 for microcontrollers.</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "Output format: c (C99 source, no heap, no library beyond <math.h>)", Required = true };
        format.AcceptOnlyFromAmong("c");
        var model = new Option<FileInfo>("--model") { Description = "A bundle.zip (its normalisation goes inside) or an .onnx model written by this library", Required = true };
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder for tinierhar_model.h and tinierhar_model.c", Required = true };
        var int8 = new Option<bool>("--int8") { Description = "int8 weights with one scale per output channel (about a quarter of the flash); activations stay float32" };
        var command = new Command("export", "Export a trained model as C99 source for a microcontroller.") { format, model, output, int8 };
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var file = parse.GetValue(model)!;
            if (!file.Exists)
                throw new FileNotFoundException($"--model: '{file.FullName}' does not exist.", file.FullName);
            var int8Weights = parse.GetValue(int8);
            HarCModel exported;
            if (file.Extension.Equals(".onnx", StringComparison.OrdinalIgnoreCase))
            {
                exported = HarCExporter.Export(File.ReadAllBytes(file.FullName), new HarCExportOptions { Int8Weights = int8Weights });
            }
            else
            {
                using var bundle = HarModelBundle.Load(new MLContext(seed: 1), file.FullName);
                exported = HarCExporter.ExportBundle(bundle, int8Weights);
            }
            var invariant = CultureInfo.InvariantCulture;
            foreach (var path in exported.WriteTo(parse.GetValue(output)!.FullName))
                console.WriteLine($"wrote {path}");
            console.WriteLine($"weights {exported.WeightBytes.ToString("N0", invariant)} bytes ({(int8Weights ? "int8, a scale per output channel" : "float32")}), "
                + $"work buffer {exported.WorkBufferBytes.ToString("N0", invariant)} bytes");
            return 0;
        }));
        return command;
    }
}
