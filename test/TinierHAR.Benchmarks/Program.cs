using BenchmarkDotNet.Running;
using TinierHAR.Benchmarks;

// dotnet run -c Release --project test/TinierHAR.Benchmarks -- --filter '*'   (or a class name, e.g. '*WindowScoring*')
BenchmarkSwitcher.FromAssembly(typeof(HarBenchmarkConfig).Assembly).Run(args, new HarBenchmarkConfig());
