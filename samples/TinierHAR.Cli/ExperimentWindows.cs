using System.Globalization;
using TinierHAR.Datasets;
using TinierHAR.MLNet.Windowing;
using TinierHAR.Experiments;

namespace TinierHAR.Cli;

/// <summary>
/// The windows an experiment folder's results were run with: results rows are keyed without them, so a folder keeps one
/// window setting, recorded in <c>windows.txt</c> when it is not the paper's, and refuses runs with another.
/// </summary>
internal static class ExperimentWindows
{
    private const string FileName = "windows.txt";

    public static void Check(DirectoryInfo folder, ExperimentResults results, SensorWindowingOptions requested, HarDataset dataset)
    {
        var paper = dataset.WindowingOptions();
        string Describe(int length, int step) => string.Create(CultureInfo.InvariantCulture, $"T {length}, step {step}");
        var wanted = Describe(requested.ResolvedWindowLength, requested.ResolvedStep);
        var path = Path.Combine(folder.FullName, FileName);
        var recorded = File.Exists(path) ? File.ReadAllText(path).Trim() : Describe(paper.ResolvedWindowLength, paper.ResolvedStep);
        if (results.Rows.Count > 0 && recorded != wanted)
        {
            throw new ArgumentException($"'{folder.FullName}' holds results run with windows of {recorded}; these are {wanted}. "
                + "Give each window setting its own --output folder.");
        }
        if (wanted != Describe(paper.ResolvedWindowLength, paper.ResolvedStep))
            MLNet.Data.AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(wanted + "\n")));
    }
}
