using System.Globalization;
using TinierHAR.Datasets;
using TinierHAR.Experiments;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Cli;

/// <summary>
/// A setting an experiment folder's results were all run with: results rows are keyed without the windows and the
/// training recipe, so a folder keeps one of each, recorded in a file (<c>windows.txt</c>, <c>recipe.txt</c>) when it is
/// not the paper's, and refuses runs with another.
/// </summary>
internal static class ExperimentFolderSetting
{
    /// <summary>Checks the windows (<c>windows.txt</c>: "T 150, step 75").</summary>
    public static void CheckWindows(DirectoryInfo folder, ExperimentResults results, SensorWindowingOptions requested, HarDataset dataset)
    {
        var paper = dataset.WindowingOptions();
        string Describe(int length, int step) => string.Create(CultureInfo.InvariantCulture, $"T {length}, step {step}");
        Check(folder, results, "windows.txt", "windows of", "window setting", Describe(requested.ResolvedWindowLength, requested.ResolvedStep), Describe(paper.ResolvedWindowLength, paper.ResolvedStep));
    }

    /// <summary>Checks the training recipe (<c>recipe.txt</c>: its name).</summary>
    public static void CheckRecipe(DirectoryInfo folder, ExperimentResults results, TrainingRecipe recipe) =>
        Check(folder, results, "recipe.txt", "the training recipe", "training recipe", recipe.ToString(), nameof(TrainingRecipe.Paper));

    private static void Check(DirectoryInfo folder, ExperimentResults results, string fileName, string what, string kind, string wanted, string paper)
    {
        var path = Path.Combine(folder.FullName, fileName);
        var recorded = File.Exists(path) ? File.ReadAllText(path).Trim() : paper;
        if (results.Rows.Count > 0 && recorded != wanted)
        {
            throw new ArgumentException($"'{folder.FullName}' holds results run with {what} {recorded}; these are {wanted}. "
                + $"Give each {kind} its own --output folder.");
        }
        if (wanted != paper)
            MLNet.Data.AtomicFile.Write(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(wanted + "\n")));
    }
}
