using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using nietras.SeparatedValues;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Scoring;

/// <summary>Reads scored windows once, writing the per-window CSV and the segments (each to a temporary file renamed on success).</summary>
internal sealed class ScoredWindowsCsvWriter(BundleManifest manifest, bool timed, double threshold, int smoothing, double rateHz)
{
    public (long Windows, long Unknown, long? Segments) Write(IDataView predictions, string outputPath, string? segmentsPath, Action<long, long>? progress)
    {
        var schema = predictions.Schema;
        string[] needed = [CsvSamplesDataView.SourceColumnName, CsvSamplesDataView.SubjectColumnName, CsvSamplesDataView.SessionColumnName,
            SensorWindowsDataView.FirstSampleIndexColumnName, SensorWindowsDataView.LastSampleIndexColumnName, SensorWindowsDataView.RunIndexColumnName, "Score", "PredictedLabel",
            .. timed ? new[] { SensorWindowsDataView.StartTimeColumnName, SensorWindowsDataView.EndTimeColumnName } : []];
        // Only these columns: the window values themselves are not copied along.
        using var cursor = predictions.GetRowCursor(needed.Select(n => schema[n]));
        var source = Text(cursor, CsvSamplesDataView.SourceColumnName);
        var subject = Text(cursor, CsvSamplesDataView.SubjectColumnName);
        var session = Text(cursor, CsvSamplesDataView.SessionColumnName);
        var first = cursor.GetGetter<long>(schema[SensorWindowsDataView.FirstSampleIndexColumnName]);
        var last = cursor.GetGetter<long>(schema[SensorWindowsDataView.LastSampleIndexColumnName]);
        var runIndex = cursor.GetGetter<long>(schema[SensorWindowsDataView.RunIndexColumnName]);
        var start = timed ? cursor.GetGetter<double>(schema[SensorWindowsDataView.StartTimeColumnName]) : null;
        var end = timed ? cursor.GetGetter<double>(schema[SensorWindowsDataView.EndTimeColumnName]) : null;
        var score = cursor.GetGetter<VBuffer<float>>(schema["Score"]);
        var predicted = cursor.GetGetter<uint>(schema["PredictedLabel"]);
        var classes = manifest.ClassNames;
        var probabilityColumns = classes.Select(c => "p_" + c).ToArray();

        using var windowsFile = new AtomicFile(outputPath);
        using var segmentsFile = segmentsPath is null ? null : new AtomicFile(segmentsPath);
        var options = new SepWriterOptions(Sep.New(',')) { CultureInfo = CultureInfo.InvariantCulture };
        using var windowsCsv = options.To(windowsFile.Stream, leaveOpen: true);
        using var segmentsCsv = segmentsFile is null ? null : options.To(segmentsFile.Stream, leaveOpen: true);
        var segmenter = new ActivitySegmenter(smoothing);
        string? sequence = null;
        long sequenceStart = 0, windows = 0, unknown = 0, segments = 0;
        VBuffer<float> probabilities = default;
        (ReadOnlyMemory<char> Source, ReadOnlyMemory<char> Subject, ReadOnlyMemory<char> Session) keys = default;
        var sequenceKeys = new Dictionary<string, (string Source, string Subject, string Session)>();

        while (cursor.MoveNext())
        {
            source(ref keys.Source);
            subject(ref keys.Subject);
            session(ref keys.Session);
            long firstSample = 0, lastSample = 0, run = 0;
            first(ref firstSample);
            last(ref lastSample);
            runIndex(ref run);
            score(ref probabilities);
            var values = probabilities.GetValues();
            uint key1 = 0;
            predicted(ref key1);
            var best = (int)key1 - 1;
            var activity = values[best] < threshold ? LogCsvScoring.Unknown : classes[best];
            if (activity == LogCsvScoring.Unknown) unknown++;

            var key = $"{keys.Source}|{keys.Subject}|{keys.Session}";
            if (key != sequence)
            {
                sequence = key;
                sequenceStart = firstSample;
                sequenceKeys[key] = (keys.Source.ToString(), keys.Subject.ToString(), keys.Session.ToString());
            }
            double startTime = (firstSample - sequenceStart) / rateHz, endTime = (lastSample + 1 - sequenceStart) / rateHz;
            if (timed)
            {
                start!(ref startTime);
                end!(ref endTime);
            }

            using (var row = windowsCsv.NewRow())
            {
                row["source"].Set(keys.Source.Span);
                row["subject"].Set(keys.Subject.Span);
                row["session"].Set(keys.Session.Span);
                row["first_sample"].Format(firstSample);
                row["last_sample"].Format(lastSample);
                if (timed)
                {
                    row["start_time"].Set(SecondsText.Format(startTime));
                    row["end_time"].Set(SecondsText.Format(endTime));
                }
                row["predicted"].Set(activity);
                row["confidence"].Format(values[best]);
                for (var c = 0; c < classes.Count; c++)
                    row[probabilityColumns[c]].Format(values[c]);
            }

            if (segmentsCsv is not null)
            {
                foreach (var segment in segmenter.Add(new WindowActivity(key, run, startTime, endTime, activity)))
                    WriteSegment(segmentsCsv, segment, sequenceKeys[segment.Sequence], ref segments);
            }
            if (++windows % 2048 == 0)
                progress?.Invoke(lastSample + 1, windows);
        }
        if (segmentsCsv is not null)
        {
            foreach (var segment in segmenter.Complete())
                WriteSegment(segmentsCsv, segment, sequenceKeys[segment.Sequence], ref segments);
        }
        windowsCsv.Dispose();
        segmentsCsv?.Dispose();
        windowsFile.Commit();
        segmentsFile?.Commit();
        return (windows, unknown, segmentsFile is null ? null : segments);
    }

    private static void WriteSegment(SepWriter csv, ActivitySegment segment, (string Source, string Subject, string Session) keys, ref long count)
    {
        using var row = csv.NewRow();
        row["source"].Set(keys.Source);
        row["subject"].Set(keys.Subject);
        row["session"].Set(keys.Session);
        row["activity"].Set(segment.Activity);
        row["start"].Set(SecondsText.Format(segment.Start));
        row["end"].Set(SecondsText.Format(segment.End));
        row["windows"].Format(segment.Windows);
        count++;
    }

    private static ValueGetter<ReadOnlyMemory<char>> Text(DataViewRowCursor cursor, string name) =>
        cursor.GetGetter<ReadOnlyMemory<char>>(cursor.Schema[name]);
}
