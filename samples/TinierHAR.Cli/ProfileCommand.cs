using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace TinierHAR.Cli;

/// <summary>
/// <c>profile</c>: where an ONNX model spends its time, per node and per operator, from ONNX Runtime's own profiler
/// (one thread, random inputs of the given batch): the evidence behind a graph's layout choices, for any model,
/// ours or PyTorch's export.
/// </summary>
internal static class ProfileCommand
{
    private const int WarmUpCalls = 3;

    public static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "An .onnx model (any float-input model: ours, or PyTorch's export)" };
        var batch = new Option<int>("--batch") { Description = "Windows per call: the input's symbolic dimension", DefaultValueFactory = _ => 128 };
        var calls = new Option<int>("--calls") { Description = "Profiled calls (after 3 warm-up calls)", DefaultValueFactory = _ => 30 };
        var level = new Option<GraphOptimizationLevel>("--level")
        {
            Description = "ONNX Runtime's graph optimisation level: ORT_ENABLE_ALL (its default), ORT_ENABLE_EXTENDED, ORT_ENABLE_BASIC, ORT_DISABLE_ALL",
            DefaultValueFactory = _ => GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        var top = new Option<int>("--top") { Description = "Nodes listed, the slowest first (0: every node)", DefaultValueFactory = _ => 0 };
        var output = new Option<FileInfo?>("--output") { Description = "Also write the report (Markdown) to this file" };
        var command = new Command("profile", "Profile an ONNX model with ONNX Runtime's profiler: time per node and per operator, one thread.")
        {
            model, batch, calls, level, top, output,
        };
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var report = Profile(parse.GetValue(model)!, parse.GetValue(batch), parse.GetValue(calls), parse.GetValue(level), parse.GetValue(top));
            console.Write(report);
            if (parse.GetValue(output) is { } file)
                File.WriteAllText(file.FullName, report);
            return 0;
        }));
        return command;
    }

    private static string Profile(FileInfo model, int batch, int calls, GraphOptimizationLevel level, int top)
    {
        if (!model.Exists) throw new FileNotFoundException($"Invalid argument 'model': '{model.FullName}' does not exist.");
        if (batch < 1) throw new ArgumentException($"Invalid option '--batch': must be at least 1 (got {batch}).");
        if (calls < 1) throw new ArgumentException($"Invalid option '--calls': must be at least 1 (got {calls}).");
        if (top < 0) throw new ArgumentException($"Invalid option '--top': must not be negative (got {top}).");
        var folder = Directory.CreateTempSubdirectory("tinierhar-profile-");
        try
        {
            using var options = new SessionOptions
            {
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                GraphOptimizationLevel = level,
                // The prefix first: ONNX Runtime takes it when profiling is switched on.
                ProfileOutputPathPrefix = Path.Combine(folder.FullName, "ort"),
                EnableProfiling = true,
            };
            using var session = new InferenceSession(model.FullName, options);
            var random = new Random(1);
            var inputs = session.InputMetadata.Select(input =>
            {
                var shape = input.Value.Dimensions.Select(d => d < 0 ? batch : d).ToArray();
                var values = new float[shape.Aggregate(1, (a, b) => a * b)];
                for (var i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
                return NamedOnnxValue.CreateFromTensor(input.Key, new DenseTensor<float>(values, shape));
            }).ToArray();
            var outputs = session.OutputMetadata.Keys.Take(1).ToArray();
            for (var call = 0; call < WarmUpCalls + calls; call++)
            {
                using var results = session.Run(inputs, outputs);
            }
            return Report(model.Name, batch, calls, level, top, session.EndProfiling());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Report(string model, int batch, int calls, GraphOptimizationLevel level, int top, string profile)
    {
        var nodes = new Dictionary<string, NodeTime>(StringComparer.Ordinal);
        var runs = new List<double>();
        using (var json = JsonDocument.Parse(File.ReadAllBytes(profile)))
        {
            foreach (var e in json.RootElement.EnumerateArray())
            {
                var category = e.GetProperty("cat").GetString();
                var name = e.GetProperty("name").GetString() ?? "";
                var microseconds = e.GetProperty("dur").GetDouble();
                if (category == "Session" && name == "model_run")
                    runs.Add(microseconds);
                if (category != "Node" || !name.EndsWith("_kernel_time", StringComparison.Ordinal)) continue;
                var node = name[..^"_kernel_time".Length];
                var args = e.GetProperty("args");
                if (!nodes.TryGetValue(node, out var time))
                    nodes[node] = time = new NodeTime(node, args.GetProperty("op_name").GetString() ?? "?", Shapes(args, "output_type_shape"));
                if (++time.Calls > WarmUpCalls) time.Microseconds += microseconds;
            }
        }
        var measured = runs.Skip(WarmUpCalls).Order().ToArray();
        var median = measured.Length == 0 ? double.NaN : measured[measured.Length / 2];
        var total = nodes.Values.Sum(n => n.Microseconds) / calls;
        var invariant = CultureInfo.InvariantCulture;
        var report = new System.Text.StringBuilder();
        report.AppendLine(invariant, $"Profile of {model}: batch {batch}, {calls} calls, 1 thread, {level}. Median call {median / 1000:0.000} ms ({batch / median * 1e6:N0} windows/s); nodes {total / 1000:0.000} ms per call, {nodes.Count} nodes after ONNX Runtime's optimisation.");
        report.AppendLine();
        report.AppendLine("| operator | nodes | µs per call | share |");
        report.AppendLine("|---|---:|---:|---:|");
        foreach (var op in nodes.Values.GroupBy(n => n.Op).OrderByDescending(g => g.Sum(n => n.Microseconds)))
        {
            var perCall = op.Sum(n => n.Microseconds) / calls;
            report.AppendLine(invariant, $"| {op.Key} | {op.Count()} | {perCall:N1} | {perCall / total:P1} |");
        }
        report.AppendLine();
        report.AppendLine("| node | operator | output shape | µs per call | share |");
        report.AppendLine("|---|---|---|---:|---:|");
        var slowest = nodes.Values.OrderByDescending(n => n.Microseconds);
        foreach (var node in top > 0 ? slowest.Take(top) : slowest)
        {
            var perCall = node.Microseconds / calls;
            report.AppendLine(invariant, $"| {node.Name} | {node.Op} | {node.OutputShape} | {perCall:N1} | {perCall / total:P1} |");
        }
        return report.ToString();
    }

    private static string Shapes(JsonElement args, string property)
    {
        if (!args.TryGetProperty(property, out var shapes)) return "";
        return string.Join(" ", shapes.EnumerateArray().SelectMany(s => s.EnumerateObject())
            .Select(p => $"{p.Name}[{string.Join(",", p.Value.EnumerateArray().Select(d => d.GetInt64()))}]"));
    }

    private sealed class NodeTime(string name, string op, string outputShape)
    {
        public string Name { get; } = name;
        public string Op { get; } = op;
        public string OutputShape { get; } = outputShape;
        public int Calls { get; set; }
        public double Microseconds { get; set; }
    }
}
