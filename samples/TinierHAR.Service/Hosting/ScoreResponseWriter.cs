using System.Globalization;
using System.Text.Json;
using nietras.SeparatedValues;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Service.Hosting;

/// <summary>
/// Streams a scoring's JSON: the model, the row accounting, and the per-window predictions and segments read back
/// from the CSV files <see cref="LogCsvScoring"/> wrote, so that they are, value for value, what <c>score</c> writes.
/// </summary>
internal static class ScoreResponseWriter
{
    public static async Task WriteAsync(Stream body, LoadedBundle model, LogCsvScoringResult result, string predictions, string segments, CancellationToken cancellation)
    {
        var classes = model.Bundle.Manifest.ClassNames;
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteStartObject("model");
        json.WriteString("sha256", model.Sha256);
        json.WriteNumber("version", model.Version);
        json.WriteEndObject();
        json.WriteStartArray("classes");
        foreach (var name in classes) json.WriteStringValue(name);
        json.WriteEndArray();

        json.WriteStartObject("rows");
        json.WriteNumber("read", result.RowsRead);
        json.WriteNumber("inWindows", result.Windowing.RowsInWindows);
        json.WriteNumber("notCovered", result.Windowing.RowsNotCovered);
        json.WriteNumber("removed", result.RowsRemoved);
        json.WriteStartObject("removedBy");
        foreach (var (reason, count) in result.Windowing.RowsRemoved.Concat(result.Read.RowsSkipped))
            json.WriteNumber(reason, count);
        json.WriteEndObject();
        json.WriteNumber("valuesFilled", result.Windowing.ValuesInterpolated);
        json.WriteNumber("gaps", result.Windowing.Gaps);
        json.WriteEndObject();

        json.WriteStartArray("windows");
        using (var reader = Sep.Reader(o => o with { CultureInfo = CultureInfo.InvariantCulture }).FromFile(predictions))
        {
            var timed = reader.Header.TryIndexOf("start_time", out _);
            foreach (var row in reader)
            {
                json.WriteStartObject();
                Keys(json, row);
                json.WriteNumber("firstSample", long.Parse(row["first_sample"].Span, CultureInfo.InvariantCulture));
                json.WriteNumber("lastSample", long.Parse(row["last_sample"].Span, CultureInfo.InvariantCulture));
                if (timed)
                {
                    json.WriteNumber("start", Seconds(row["start_time"].Span));
                    json.WriteNumber("end", Seconds(row["end_time"].Span));
                }
                json.WriteString("predicted", row["predicted"].Span);
                json.WriteNumber("confidence", float.Parse(row["confidence"].Span, CultureInfo.InvariantCulture));
                json.WriteStartArray("probabilities");
                foreach (var name in classes)
                    json.WriteNumberValue(float.Parse(row["p_" + name].Span, CultureInfo.InvariantCulture));
                json.WriteEndArray();
                json.WriteEndObject();
                if (json.BytesPending > 1 << 16)
                    await json.FlushAsync(cancellation);
            }
        }
        json.WriteEndArray();

        json.WriteStartArray("segments");
        using (var reader = Sep.Reader().FromFile(segments))
        {
            foreach (var row in reader)
            {
                json.WriteStartObject();
                Keys(json, row);
                json.WriteString("activity", row["activity"].Span);
                json.WriteNumber("start", Seconds(row["start"].Span));
                json.WriteNumber("end", Seconds(row["end"].Span));
                json.WriteNumber("windows", long.Parse(row["windows"].Span, CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellation);
    }

    private static void Keys(Utf8JsonWriter json, SepReader.Row row)
    {
        json.WriteString("source", row["source"].Span);
        json.WriteString("subject", row["subject"].Span);
        json.WriteString("session", row["session"].Span);
    }

    private static double Seconds(ReadOnlySpan<char> text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
