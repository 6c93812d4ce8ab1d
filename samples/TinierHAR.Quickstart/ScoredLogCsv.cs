using System.Globalization;
using Microsoft.ML;

namespace TinierHAR.Quickstart;

/// <summary>Writes scored windows as CSV: time span, predicted activity, its probability, and the generator's label.</summary>
internal static class ScoredLogCsv
{
    private sealed class Row
    {
        public double StartTime { get; set; }
        public double EndTime { get; set; }
        public string Activity { get; set; } = "";
        public string PredictedActivity { get; set; } = "";
        public float[] Score { get; set; } = [];
    }

    public static (int Written, int Correct) Write(MLContext ml, IDataView scored, string path)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("start_s,end_s,predicted,probability,true_label");
        var (written, correct) = (0, 0);
        foreach (var row in ml.Data.CreateEnumerable<Row>(scored, reuseRowObject: true))
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.StartTime:F2},{row.EndTime:F2},{row.PredictedActivity},{row.Score.Max():F4},{row.Activity}"));
            written++;
            correct += row.PredictedActivity == row.Activity ? 1 : 0;
        }
        return (written, correct);
    }
}
