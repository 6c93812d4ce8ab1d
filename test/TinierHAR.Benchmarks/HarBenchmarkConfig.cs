using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace TinierHAR.Benchmarks;

/// <summary>
/// In-process runs (TorchSharp's native set-up lives in this process), few iterations (the workloads are long),
/// GitHub-markdown reports, allocations, and a throughput column from each benchmark's items per invocation.
/// </summary>
public sealed class HarBenchmarkConfig : ManualConfig
{
    public HarBenchmarkConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5));
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddColumn(new ThroughputColumn());
        AddExporter(MarkdownExporter.GitHub);
        AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default);
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOption(ConfigOptions.DisableOptimizationsValidator, true);
        WithArtifactsPath(Path.Combine("artifacts", "benchmarks"));
    }
}

/// <summary>Items per second (windows, samples): the items one invocation processes, over its mean time.</summary>
public sealed class ThroughputColumn : IColumn
{
    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "Items/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Items processed per second: windows for scoring, sensor samples for log scoring, windows trained on for training";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics)
            return "-";
        var items = ItemCounts.For(benchmarkCase.Descriptor.WorkloadMethod.Name);
        return (items / (statistics.Mean / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}

/// <summary>Items one invocation of a benchmark method processes, registered by the benchmarks' set-up.</summary>
public static class ItemCounts
{
    private static readonly Dictionary<string, double> Counts = [];

    public static void Set(string method, double items) => Counts[method] = items;

    public static double For(string method) => Counts.GetValueOrDefault(method, 1);
}
