using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Benchmarks;

/// <summary>
/// (b) Sensor samples per second scoring a generated 10-hour CSV log (2 subjects, 50 Hz, 6 channels) with a trained
/// TinierHAR bundle: the ML.NET model per window (baseline), the batched path of the library, and the tool's
/// <c>score</c> verb end to end (reading, windowing, scoring, writing predictions and segments).
/// </summary>
public class LogScoringBenchmarks
{
    private string folder = null!;
    private string log = null!;
    private string bundlePath = null!;
    private HarModelBundle bundle = null!;
    private MLContext ml = null!;

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("tinierhar-bench-").FullName;
        log = Path.Combine(folder, "log.csv");
        var written = SyntheticImuCsv.Write(log, new SyntheticImuOptions { Subjects = 2, BoutsPerSubject = 560, Seed = 9 });
        ml = new MLContext(1);
        bundlePath = ScoreVerbRun.TrainBundle(ml, folder);
        bundle = HarModelBundle.Load(ml, bundlePath);
        foreach (var method in new[] { nameof(MlNetModelPerWindow), nameof(BatchedLibraryPath), nameof(ScoreVerb) })
            ItemCounts.Set(method, written.Rows);
        Console.WriteLine($"// log: {written.Rows:N0} samples ({written.Seconds / 3600:0.0} h), {new FileInfo(log).Length / 1e6:0} MB");
    }

    private CsvSamplesDataView Samples() => ml.Data.LoadSensorCsv(log, new CsvSampleOptions
    {
        ChannelColumnNames = bundle.Manifest.ChannelNames,
        TimestampColumnName = "Time",
        SubjectColumnName = "Subject",
    });

    private static long CountWindows(IDataView predictions)
    {
        using var cursor = predictions.GetRowCursor([predictions.Schema["Score"]]);
        var getter = cursor.GetGetter<VBuffer<float>>(predictions.Schema["Score"]);
        VBuffer<float> score = default;
        long count = 0;
        while (cursor.MoveNext())
        {
            getter(ref score);
            count++;
        }
        return count;
    }

    [Benchmark(Baseline = true, Description = "ScoreLog: ML.NET model, one ONNX call per window")]
    public long MlNetModelPerWindow() => CountWindows(bundle.ScoreLog(Samples()).Predictions);

    [Benchmark(Description = "ScoreLogBatched: batched, pipelined")]
    public long BatchedLibraryPath() => CountWindows(bundle.ScoreLogBatched(Samples()).Predictions);

    [Benchmark(Description = "tinierhar score (CSV in, predictions + segments out)")]
    public int ScoreVerb() => ScoreVerbRun.Score(bundlePath, log, folder);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);
}
