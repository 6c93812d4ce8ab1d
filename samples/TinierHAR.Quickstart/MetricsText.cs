using System.Text;
using TinierHAR.MLNet.Evaluation;

namespace TinierHAR.Quickstart;

/// <summary>Plain-text tables of <see cref="HarMetrics"/>.</summary>
internal static class MetricsText
{
    public static string PerClass(HarMetrics m)
    {
        var text = new StringBuilder($"{"class",-20} {"precision",9} {"recall",7} {"F1",6} {"support",8}\n");
        for (var c = 0; c < m.ClassNames.Count; c++)
            text.AppendLine($"{m.ClassNames[c],-20} {m.Precision[c],9:F3} {m.Recall[c],7:F3} {m.F1[c],6:F3} {m.Support[c],8}");
        return text.ToString();
    }

    public static string Confusion(HarMetrics m)
    {
        var text = new StringBuilder("confusion matrix (rows: true, columns: predicted)\n");
        text.Append($"{"",-20}");
        for (var p = 0; p < m.ClassNames.Count; p++)
            text.Append($" {p,6}");
        text.AppendLine();
        for (var t = 0; t < m.ClassNames.Count; t++)
        {
            text.Append($"{t + " " + m.ClassNames[t],-20}");
            for (var p = 0; p < m.ClassNames.Count; p++)
                text.Append($" {m.ConfusionMatrix[t, p],6}");
            text.AppendLine();
        }
        return text.ToString();
    }
}
