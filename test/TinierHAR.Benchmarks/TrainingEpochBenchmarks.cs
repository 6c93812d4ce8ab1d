using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Benchmarks;

/// <summary>
/// (c) Seconds per training epoch on a fixed synthetic set (8 subjects at 50 Hz: 2,416 windows of 128 × 6, batch 256,
/// AdamW, a 10 % validation pass): TinierHAR (baseline) against TinyHAR and DeepConvLSTM. One invocation is one
/// trainer fit of one epoch, window reading and ONNX export included; Items/s counts the windows trained on per second.
/// </summary>
public class TrainingEpochBenchmarks
{
    private IDataView windows = null!;
    private MLContext ml = null!;

    [GlobalSetup]
    public void Setup()
    {
        ml = new MLContext(1);
        var samples = ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 8, Seed = 5 }));
        var view = ml.Data.WindowSensorSamples(samples, new SensorWindowingOptions
        {
            ChannelColumnNames = ImuSample.ChannelNames,
            WindowLength = 128,
            Step = 64,
            SamplingRateHz = 50,
            LabelColumnName = nameof(ImuSample.Activity),
            GroupColumnNames = [nameof(ImuSample.Subject)],
        });
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", nameof(ImuSample.Activity)).Fit(view).Transform(view);
        windows = ml.Data.Cache(keyed);
        var count = windows.GetColumn<uint>("Label").Count();
        Console.WriteLine($"// training set: {count:N0} windows");
        foreach (var method in new[] { nameof(TinierHar), nameof(TinyHar), nameof(DeepConvLstm) })
            ItemCounts.Set(method, count);
    }

    private long OneEpoch(HarNetworkOptions network) =>
        ml.MulticlassClassification.Trainers.TinierHar(new TinierHarTrainer.Options { Network = network, MaxEpochs = 1, Seed = 1 })
            .Fit(windows).History.Epochs.Count;

    [Benchmark(Baseline = true, Description = "TinierHAR epoch")]
    public long TinierHar() => OneEpoch(new TinierHarOptions());

    [Benchmark(Description = "TinyHAR epoch")]
    public long TinyHar() => OneEpoch(new TinyHarOptions());

    [Benchmark(Description = "DeepConvLSTM epoch")]
    public long DeepConvLstm() => OneEpoch(new DeepConvLstmOptions());
}
