using TinierHAR.MLNet.Evaluation;
using TinierHAR.Plots;

namespace TinierHAR.Cli;

/// <summary>The metrics report and the confusion-matrix picture of <c>train</c> and <c>evaluate</c>.</summary>
internal static class MetricsFiles
{
    public static void Write(DirectoryInfo folder, HarMetrics metrics, string report)
    {
        MLNet.Data.AtomicFile.Write(Path.Combine(folder.FullName, "metrics.txt"), stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(report)));
        HarPlots.SavePng(HarPlots.ConfusionMatrix(metrics), Path.Combine(folder.FullName, "confusion.png"));
    }
}
