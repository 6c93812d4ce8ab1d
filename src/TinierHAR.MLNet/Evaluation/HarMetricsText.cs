using System.Globalization;
using System.Text;

namespace TinierHAR.MLNet.Evaluation;

/// <summary>Plain-text tables of <see cref="HarMetrics"/>, for consoles and report files.</summary>
public static class HarMetricsText
{
    /// <summary>Windows, accuracy, macro and weighted F1 on one line.</summary>
    public static string Summary(HarMetrics m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Count:N0} windows: accuracy {m.Accuracy:F3}   macro F1 {m.MacroF1:F3}   weighted F1 {m.WeightedF1:F3}");

    /// <summary>The summary, the per-class table and the confusion matrix.</summary>
    public static string Report(HarMetrics m) => $"{Summary(m)}\n\n{PerClass(m)}\n{Confusion(m)}";

    /// <summary>Precision, recall, F1 and support per class.</summary>
    public static string PerClass(HarMetrics m)
    {
        var text = new StringBuilder($"{"class",-20} {"precision",9} {"recall",7} {"F1",6} {"support",8}\n");
        for (var c = 0; c < m.ClassNames.Count; c++)
            text.AppendLine(CultureInfo.InvariantCulture, $"{m.ClassNames[c],-20} {m.Precision[c],9:F3} {m.Recall[c],7:F3} {m.F1[c],6:F3} {m.Support[c],8}");
        return text.ToString();
    }

    /// <summary>The confusion matrix, rows true and columns predicted.</summary>
    public static string Confusion(HarMetrics m)
    {
        var text = new StringBuilder("confusion matrix (rows: true, columns: predicted)\n");
        text.Append(' ', 20);
        for (var p = 0; p < m.ClassNames.Count; p++)
            text.Append(CultureInfo.InvariantCulture, $" {p,6}");
        text.AppendLine();
        for (var t = 0; t < m.ClassNames.Count; t++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{t + " " + m.ClassNames[t],-20}");
            for (var p = 0; p < m.ClassNames.Count; p++)
                text.Append(CultureInfo.InvariantCulture, $" {m.ConfusionMatrix[t, p],6}");
            text.AppendLine();
        }
        return text.ToString();
    }
}
