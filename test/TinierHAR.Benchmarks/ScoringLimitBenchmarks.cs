using BenchmarkDotNet.Attributes;
using Microsoft.ML;
using Microsoft.ML.Data;
using nietras.SeparatedValues;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Benchmarks;

/// <summary>
/// The machine's limit for <c>tinierhar score</c>, measured beside it in one run on the same 10-hour log (2 subjects,
/// 50 Hz, 6 channels): the parse-only rate (Sep reading every field of every row, the numbers into floats), the
/// scorer-only rate (<see cref="BatchedHarScorer"/> on the log's windows cut beforehand, counted as windows × step
/// samples), and <c>score</c> end to end on that clean log and on a faulty copy (a millisecond epoch clock, 2 ms
/// jitter, 1 % of samples dropped, 0.5 % repeated). The limit is the lower of the two stage rates; Items/s are rows
/// (samples) per second throughout.
/// </summary>
public class ScoringLimitBenchmarks
{
    private string folder = null!;
    private string clean = null!;
    private string faulty = null!;
    private string bundlePath = null!;
    private HarModelBundle bundle = null!;
    private BatchedHarScorer scorer = null!;
    private float[] windows = null!;

    [GlobalSetup]
    public void Setup()
    {
        folder = Directory.CreateTempSubdirectory("tinierhar-limit-").FullName;
        var log = new SyntheticImuOptions { Subjects = 2, BoutsPerSubject = 560, Seed = 9 };
        clean = Path.Combine(folder, "clean.csv");
        var written = SyntheticImuCsv.Write(clean, log);
        faulty = Path.Combine(folder, "faulty.csv");
        var faults = SyntheticImuCsv.Write(faulty, new SyntheticImuOptions
        {
            Subjects = log.Subjects,
            BoutsPerSubject = log.BoutsPerSubject,
            Seed = log.Seed,
            TimeUnit = TimestampUnit.Milliseconds,
            ClockStart = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
            TimestampJitterSeconds = 0.002,
            DroppedSampleFraction = 0.01,
            RepeatedTimestampFraction = 0.005,
        });

        var ml = new MLContext(1);
        bundlePath = ScoreVerbRun.TrainBundle(ml, folder);
        bundle = HarModelBundle.Load(ml, bundlePath);
        scorer = bundle.CreateBatchedScorer();
        var cut = ml.Data.WindowSensorSamples(ml.Data.LoadSensorCsv(clean, new CsvSampleOptions
        {
            ChannelColumnNames = bundle.Manifest.ChannelNames,
            TimestampColumnName = "Time",
            SubjectColumnName = "Subject",
        }), new SensorWindowingOptions
        {
            Window = bundle.Manifest.Window,
            ChannelColumnNames = bundle.Manifest.ChannelNames,
            GroupColumnNames = [CsvSamplesDataView.SubjectColumnName],
            TimestampColumnName = "Time",
        });
        windows = cut.GetColumn<float[]>("Features").SelectMany(w => w).ToArray();
        var count = windows.Length / scorer.WindowSize;

        ItemCounts.Set(nameof(ParseOnly), written.Rows);
        ItemCounts.Set(nameof(ScorerOnly), (double)count * bundle.Manifest.WindowStep);
        ItemCounts.Set(nameof(ScoreClean), written.Rows);
        ItemCounts.Set(nameof(ScoreFaulty), faults.Rows);
        Console.WriteLine($"// clean log: {written.Rows:N0} rows, {new FileInfo(clean).Length / 1e6:0} MB; faulty: {faults.Rows:N0} rows; {count:N0} windows, step {bundle.Manifest.WindowStep}");
    }

    [Benchmark(Baseline = true, Description = "parse only: Sep, every field, numbers to float")]
    public double ParseOnly()
    {
        using var reader = Sep.Reader(o => o with { CultureInfo = System.Globalization.CultureInfo.InvariantCulture }).FromFile(clean);
        var numeric = Enumerable.Range(0, reader.Header.ColNames.Count)
            .Where(i => reader.Header.ColNames[i] is not ("Subject" or "Activity")).ToArray();
        var text = reader.Header.ColNames.Count - numeric.Length;
        double sum = 0;
        foreach (var row in reader)
        {
            foreach (var i in numeric)
                sum += row[i].Parse<float>();
            sum += text == 0 ? 0 : row["Subject"].Span.Length + row["Activity"].Span.Length;
        }
        return sum;
    }

    [Benchmark(Description = "scorer only: BatchedHarScorer on the cut windows (samples = windows × step)")]
    public int ScorerOnly() => scorer.Score(windows).Length;

    [Benchmark(Description = "tinierhar score, clean log (s clock)")]
    public int ScoreClean() => Score(clean);

    [Benchmark(Description = "tinierhar score, faulty log (ms epoch clock, jitter, drops, repeats)")]
    public int ScoreFaulty() => Score(faulty);

    private int Score(string log) => ScoreVerbRun.Score(bundlePath, log, folder);

    [GlobalCleanup]
    public void Cleanup()
    {
        scorer.Dispose();
        bundle.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
