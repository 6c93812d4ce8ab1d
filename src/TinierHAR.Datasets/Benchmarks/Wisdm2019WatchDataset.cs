using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// WISDM 2019 smartwatch (not a paper dataset): <c>accel/data_{id}_accel_watch.txt</c> and <c>gyro/data_{id}_gyro_watch.txt</c>
/// (<c>subject,activity,timestamp_ns,x,y,z;</c>; the last six fields are taken, so a copy with an extra leading index
/// column reads the same). The two streams are not sample-aligned: for each run of one activity, the gyroscope is
/// interpolated linearly at the accelerometer's timestamps, and accelerometer rows outside the gyroscope's span are
/// removed (counted). 20 Hz, 18 activities; one segment per (subject, activity run); folds of 5 subjects.
/// </summary>
internal sealed class Wisdm2019WatchDataset : HarDataset
{
    private const string Codes = "ABCDEFGHIJKLMOPQRS";

    /// <inheritdoc />
    public override string Key => "wisdm2019-watch";

    /// <inheritdoc />
    public override string Name => "WISDM 2019 (watch)";

    /// <inheritdoc />
    public override double SamplingRateHz => 20;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } = ["acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"];

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } =
    [
        "walking", "jogging", "stairs", "sitting", "standing", "typing", "teeth", "soup", "chips", "pasta", "drinking",
        "sandwich", "kicking", "catch", "dribbling", "writing", "clapping", "folding",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } =
        Enumerable.Range(0, 10).Select(f => (IReadOnlyList<int>)Enumerable.Range(1600 + 5 * f, f == 9 ? 6 : 5).ToArray()).ToArray();

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var found = 0;
        foreach (var subject in Subjects)
        {
            var accPath = folder.Find(Path.Combine("accel", $"data_{subject}_accel_watch.txt"));
            var gyroPath = folder.Find(Path.Combine("gyro", $"data_{subject}_gyro_watch.txt"));
            if (accPath is null || gyroPath is null) continue;
            found++;
            var gyroRuns = ReadStream(gyroPath, tally).GroupBy(r => r.Activity).ToDictionary(g => g.Key, g => g.SelectMany(r => r.Samples).OrderBy(s => s.Time).ToArray());
            foreach (var run in ReadStream(accPath, tally))
            {
                var label = Codes.IndexOf(run.Activity, StringComparison.Ordinal);
                if (!gyroRuns.TryGetValue(run.Activity, out var gyro) || gyro.Length < 2)
                {
                    tally.Remove("accelerometer rows without gyroscope samples", run.Samples.Count);
                    continue;
                }
                var values = new List<float>();
                foreach (var sample in run.Samples)
                {
                    if (sample.Time < gyro[0].Time || sample.Time > gyro[^1].Time)
                    {
                        tally.Remove("accelerometer rows outside the gyroscope's time span");
                        continue;
                    }
                    values.AddRange(sample.Axes);
                    values.AddRange(Interpolate(gyro, sample.Time));
                }
                if (values.Count > 0)
                    yield return new Recording(subject, $"{subject}_{run.Activity}_{run.Index}", values.ToArray(), Enumerable.Repeat(label < 0 ? Recording.Unmapped : label, values.Count / 6).ToArray());
            }
        }
        folder.RequireAny(found, "accel/data_{id}_accel_watch.txt with gyro/data_{id}_gyro_watch.txt");
    }

    private static float[] Interpolate(Sample[] stream, long time)
    {
        var index = Array.BinarySearch(stream, new Sample(time, []), Comparer<Sample>.Create((a, b) => a.Time.CompareTo(b.Time)));
        if (index >= 0) return stream[index].Axes;
        var after = ~index;
        var (a, b) = (stream[after - 1], stream[after]);
        var f = (double)(time - a.Time) / (b.Time - a.Time);
        return [(float)(a.Axes[0] + f * (b.Axes[0] - a.Axes[0])), (float)(a.Axes[1] + f * (b.Axes[1] - a.Axes[1])), (float)(a.Axes[2] + f * (b.Axes[2] - a.Axes[2]))];
    }

    private sealed record Sample(long Time, float[] Axes);

    private sealed record Run(string Activity, int Index, List<Sample> Samples);

    /// <summary>The file's runs of consecutive rows with one activity code.</summary>
    private static List<Run> ReadStream(string path, DatasetReadTally tally)
    {
        var runs = new List<Run>();
        using var text = new TextRecords(path, FieldSplit.Comma, tally) { LineTerminator = ';' };
        var numbers = new double[4];
        while (text.Next())
        {
            var n = text.FieldCount;
            if (n < 6)
            {
                text.Refuse(n, $"the line has {n} field(s); subject,activity,timestamp,x,y,z is expected");
                continue;
            }
            if (!text.TryReadNumbers([n - 4, n - 3, n - 2, n - 1], numbers)) continue;
            var activity = text.Text(n - 5);
            if (runs.Count == 0 || runs[^1].Activity != activity)
                runs.Add(new Run(activity, runs.Count(r => r.Activity == activity), new List<Sample>()));
            runs[^1].Samples.Add(new Sample((long)numbers[0], [(float)numbers[1], (float)numbers[2], (float)numbers[3]]));
        }
        tally.Files++;
        return runs;
    }
}
