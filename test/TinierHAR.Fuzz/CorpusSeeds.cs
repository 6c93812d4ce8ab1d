using TinierHAR.MLNet.Data;

namespace TinierHAR.Fuzz;

/// <summary>The seed corpus: short generated logs in every time unit, clean and with the device faults, under each policy byte.</summary>
public static class CorpusSeeds
{
    /// <summary>Writes the seeds into <paramref name="folder"/>.</summary>
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var clocks = new (string Name, Action<SyntheticImuOptions> Set)[]
        {
            ("clean", _ => { }),
            ("faulty", o => (o.TimestampJitterSeconds, o.DroppedSampleFraction, o.RepeatedTimestampFraction) = (0.004, 0.05, 0.05)),
            ("two-rates", o => o.SecondSamplingRateHz = 32),
        };
        var units = new[] { TimestampUnit.Seconds, TimestampUnit.Milliseconds, TimestampUnit.Microseconds, TimestampUnit.Nanoseconds, TimestampUnit.DateTime };
        byte policy = 0;
        foreach (var unit in units)
        {
            foreach (var (name, set) in clocks)
            {
                var options = new SyntheticImuOptions { Subjects = 2, Seed = 7, BoutsPerSubject = 6, MinBoutSeconds = 2, MaxBoutSeconds = 2.5, TimeUnit = unit };
                if (unit == TimestampUnit.DateTime)
                    options.ClockStart = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
                set(options);
                var log = Path.Combine(folder, $"{name}-{unit}.csv");
                SyntheticImuCsv.Write(log, options);
                // The first rows of each subject: enough for a few windows, small enough for the fuzzer.
                var lines = File.ReadAllLines(log);
                var kept = lines.Take(17).Concat(lines.Skip(1).SkipWhile(l => l.Split(',')[0] == lines[1].Split(',')[0]).Take(16));
                File.Delete(log);
                File.WriteAllBytes(Path.Combine(folder, $"{name}-{unit.ToString().ToLowerInvariant()}"), [policy, .. System.Text.Encoding.UTF8.GetBytes(string.Join('\n', kept) + "\n")]);
                policy = (byte)((policy + 5) % 32);
            }
        }
    }
}
