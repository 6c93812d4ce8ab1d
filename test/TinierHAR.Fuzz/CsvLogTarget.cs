using Microsoft.ML;
using nietras.SeparatedValues;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Fuzz;

/// <summary>
/// One fuzz input through the path batch scoring takes: the bytes as a CSV log, read by the CSV loader, then put
/// through the time stage and the windowing. The first byte picks the policies; the rest is the file. Refusing the
/// input with <see cref="InvalidDataException"/> is the contract for bad data; any other exception, or rows that do
/// not add up, is a finding.
/// </summary>
public static class CsvLogTarget
{
    private static readonly MLContext Ml = new(seed: 1);

    /// <summary>Runs one input; throws on a finding.</summary>
    public static void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length == 0)
            return;
        var policies = input[0];
        var path = Path.Combine(Path.GetTempPath(), $"tinierhar-fuzz-{Environment.ProcessId}.csv");
        File.WriteAllBytes(path, input[1..].ToArray());
        try
        {
            Score(path, policies);
        }
        catch (InvalidDataException)
        {
            // The contract for bad data: a clear error naming the file, line or column.
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Score(string path, byte policies)
    {
        var header = ReadHeader(path);
        // The time column by name where the header has one, else the first; up to three channels after it.
        // Names a user could pass: not empty, not the loader's own columns.
        string[] roles = ["subject", "user", "activity", "label", CsvSamplesDataView.SourceColumnName, CsvSamplesDataView.SessionColumnName];
        var names = header.Where(n => !string.IsNullOrWhiteSpace(n) && !roles.Contains(n, StringComparer.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count < 2)
            return;
        var time = names.FirstOrDefault(n => n.Contains("time", StringComparison.OrdinalIgnoreCase) || n == "t") ?? names[0];
        var channels = names.Where(n => n != time).Take(3).ToArray();
        var columns = new CsvSampleOptions
        {
            ChannelColumnNames = channels,
            TimestampColumnName = time,
            TimestampUnit = (policies & 3) switch { 0 => TimestampUnit.Auto, 1 => TimestampUnit.Milliseconds, 2 => TimestampUnit.Seconds, _ => TimestampUnit.Nanoseconds },
            MalformedRows = (policies & 4) == 0 ? MalformedRowPolicy.Skip : MalformedRowPolicy.Error,
        };
        var samples = Ml.Data.LoadSensorCsv(path, columns);
        var windows = Ml.Data.WindowSensorSamples(samples, new SensorWindowingOptions
        {
            ChannelColumnNames = channels,
            TimestampColumnName = time,
            GroupColumnNames = [CsvSamplesDataView.SourceColumnName, CsvSamplesDataView.SubjectColumnName, CsvSamplesDataView.SessionColumnName],
            SamplingRateHz = 50,
            WindowLength = 8,
            Step = 4,
            Resample = (policies & 8) == 0,
            InvalidValues = InvalidValuePolicy.Interpolate,
            RepeatedTimestamps = (policies & 16) == 0 ? RepeatedTimestampPolicy.Mean : RepeatedTimestampPolicy.Drop,
            OutOfOrderTimestamps = OutOfOrderTimestampPolicy.Drop,
        });
        var report = windows.CountAll();
        if (report.RowsRead != report.RowsInWindows + report.RowsNotCovered + report.RowsRemoved.Values.Sum())
            throw new InvalidOperationException($"Rows do not add up: {report}");
        if (report.RowsInShortSegments + report.RowsInTails > report.RowsNotCovered)
            throw new InvalidOperationException($"More rows in short segments and tails than not covered: {report}");
        var read = samples.LastReport ?? throw new InvalidOperationException("The loader published no report.");
        if (read.RowsRead != report.RowsRead)
            throw new InvalidOperationException($"The loader read {read.RowsRead} rows, the windowing {report.RowsRead}.");
    }

    /// <summary>The header's names as the loader sees them (Sep, separator detected), or none when it cannot read one:
    /// the loader itself then gets to refuse the file.</summary>
    private static List<string> ReadHeader(string path)
    {
        try
        {
            using var reader = Sep.Reader(o => o with { DisableColCountCheck = true }).From(File.OpenRead(path));
            return [.. reader.Header.ColNames];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }
}
