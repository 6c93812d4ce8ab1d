using System.Globalization;
using System.IO.Compression;
using nietras.SeparatedValues;

namespace TinierHAR.MLNet.Data;

/// <summary>
/// Writes <see cref="SyntheticImuGenerator"/> recordings as a CSV log (<c>Subject,Time,AccX..GyroZ,Activity</c>;
/// gzip when the name ends in <c>.gz</c>), streaming, for tests, benchmarks and demos of log scoring; the Time column
/// in <see cref="SyntheticImuOptions.TimeUnit"/> from <see cref="SyntheticImuOptions.ClockStart"/>, as devices write it.
/// </summary>
public static class SyntheticImuCsv
{
    /// <summary>Writes the log; returns its rows and the recordings' length.</summary>
    public static SyntheticImuLog Write(string path, SyntheticImuOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        long rows = 0;
        double seconds = 0, first = 0, last = 0;
        string? subject = null;
        AtomicFile.Write(path, file =>
        {
            using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest, leaveOpen: true) : file;
            using var writer = Sep.New(',').Writer(o => o with { CultureInfo = CultureInfo.InvariantCulture }).To(stream, leaveOpen: true);
            foreach (var sample in SyntheticImuGenerator.Generate(options))
            {
                using var row = writer.NewRow();
                row[nameof(ImuSample.Subject)].Set(sample.Subject);
                row[nameof(ImuSample.Time)].Set(Timestamp(sample.Time, options));
                row[nameof(ImuSample.AccX)].Format(sample.AccX);
                row[nameof(ImuSample.AccY)].Format(sample.AccY);
                row[nameof(ImuSample.AccZ)].Format(sample.AccZ);
                row[nameof(ImuSample.GyroX)].Format(sample.GyroX);
                row[nameof(ImuSample.GyroY)].Format(sample.GyroY);
                row[nameof(ImuSample.GyroZ)].Format(sample.GyroZ);
                row[nameof(ImuSample.Activity)].Set(sample.Activity);
                rows++;
                if (sample.Subject != subject)
                    (seconds, subject, first) = (seconds + last - first, sample.Subject, sample.Time);
                last = sample.Time;
            }
        });
        return new SyntheticImuLog(rows, seconds + last - first);
    }

    private static string Timestamp(double seconds, SyntheticImuOptions options)
    {
        var invariant = CultureInfo.InvariantCulture;
        var start = options.ClockStart ?? DateTimeOffset.UnixEpoch;
        var origin = options.ClockStart is null ? 0 : start.ToUnixTimeMilliseconds() * 1_000_000L;
        long Count(double perSecond) => origin / (long)(1e9 / perSecond) + (long)Math.Round(seconds * perSecond);
        return options.TimeUnit switch
        {
            TimestampUnit.Milliseconds => Count(1e3).ToString(invariant),
            TimestampUnit.Microseconds => Count(1e6).ToString(invariant),
            TimestampUnit.Nanoseconds => Count(1e9).ToString(invariant),
            TimestampUnit.DateTime => start.AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", invariant),
            _ => Math.Round(origin / 1e9 + seconds, 6).ToString("R", invariant),
        };
    }
}
