using BenchmarkDotNet.Running;
using TinierHAR.Benchmarks;

// dotnet run -c Release --project test/TinierHAR.Benchmarks -- --filter '*'   (or a class name, e.g. '*WindowScoring*')
// The benchmarks seed and call TorchSharp before any network exists: its native set-up comes first.
TinierHAR.Trainer.Native.TorchSharpRuntime.EnsureLoaded();
BenchmarkSwitcher.FromAssembly(typeof(HarBenchmarkConfig).Assembly).Run(args, new HarBenchmarkConfig());
