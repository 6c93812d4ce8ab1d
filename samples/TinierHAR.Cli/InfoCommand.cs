using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TinierHAR.MLNet.Complexity;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Cli;

/// <summary><c>info</c>: what an exported model is: metadata, parameters, MACs and sizes.</summary>
internal static class InfoCommand
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "An .onnx model written by this library" };
        var command = new Command("info", "Describe an ONNX model written by TinierHAR.MLNet, with its measured single-window latency.") { model };
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var file = parse.GetValue(model)!;
            var metadata = HarModelMetadata.Read(file.FullName);
            var complexity = ModelComplexity.Of(metadata.Network, metadata.WindowLength, metadata.Channels, metadata.Classes);
            var invariant = CultureInfo.InvariantCulture;
            console.WriteLine($"model            {file.FullName}");
            console.WriteLine($"architecture     {metadata.Network.ArchitectureName} {JsonSerializer.Serialize(metadata.Network, metadata.Network.GetType(), Json)}");
            console.WriteLine($"input            Features [N, {metadata.WindowLength}, {metadata.Channels}] (window x channels)");
            console.WriteLine($"classes          {metadata.Classes}: {string.Join(", ", metadata.ClassNames)}");
            if (metadata.ChannelNames is { } channels)
                console.WriteLine($"channels         {string.Join(", ", channels)}");
            if (metadata.SamplingRateHz is { } rate)
                console.WriteLine($"sampling rate    {rate.ToString(invariant)} Hz");
            if (metadata.WindowStep is { } step)
                console.WriteLine($"window step      {step} samples");
            if (metadata.Normalization is { } normalization)
                console.WriteLine($"normalisation    {(metadata.NormalizationInGraph ? "in the graph" : "applied before the model")}: mean [{string.Join(", ", normalization.Mean)}], scale [{string.Join(", ", normalization.Scale)}]");
            console.WriteLine($"quantisation     {metadata.Quantization ?? "none (float32)"}");
            console.WriteLine($"parameters       {complexity.Parameters.ToString("N0", invariant)}");
            console.WriteLine($"MACs             {complexity.Macs.ToString("N0", invariant)} (authors' ptflops convention); plain {complexity.PlainMacs.ToString("N0", invariant)}");
            console.WriteLine($"size             {complexity.Float32SizeBytes.ToString("N0", invariant)} bytes of fp32 parameters; file {file.Length.ToString("N0", invariant)} bytes");
            console.WriteLine($"format version   {metadata.FormatVersion}");
            using (var scorer = new BatchedHarScorer(File.ReadAllBytes(file.FullName), new BatchedHarScorerOptions { BatchSize = 1, IntraOpThreads = 1 }))
                console.WriteLine($"latency          {scorer.MeasureSingleWindowMilliseconds().ToString("0.000", invariant)} ms per single window (median of 50, ONNX Runtime, 1 thread, this machine)");
            return 0;
        }));
        return command;
    }
}
