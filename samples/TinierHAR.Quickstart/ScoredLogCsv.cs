using System.Globalization;
using Microsoft.ML;

namespace TinierHAR.Quickstart;

/// <summary>Writes scored windows as CSV: subject, time span, predicted activity and its probability.</summary>
internal static class ScoredLogCsv
{
    private sealed class Row
    {
        public string Subject { get; set; } = "";
        public double StartTime { get; set; }
        public double EndTime { get; set; }
        public string PredictedActivity { get; set; } = "";
        public float[] Score { get; set; } = [];
    }

    public static int Write(MLContext ml, IDataView scored, string path)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("subject,start_s,end_s,predicted,probability");
        var written = 0;
        foreach (var row in ml.Data.CreateEnumerable<Row>(scored, reuseRowObject: true))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Subject},{row.StartTime:F2},{row.EndTime:F2},{row.PredictedActivity},{row.Score.Max():F4}"));
            written++;
        }
        return written;
    }
}
