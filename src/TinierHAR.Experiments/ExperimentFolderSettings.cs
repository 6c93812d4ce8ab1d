using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using TinierHAR.Datasets;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Experiments;

/// <summary>
/// The settings an experiment folder's results were all run with. Results rows are keyed without the windows and the
/// training recipe, so a folder keeps one of each, recorded in a file (<c>windows.txt</c>: "T 150, step 75";
/// <c>recipe.txt</c>: the recipe's name) when it is not the paper's, refuses runs with another, and reruns with what
/// it records.
/// </summary>
public static partial class ExperimentFolderSettings
{
    private const string WindowsFile = "windows.txt";
    private const string RecipeFile = "recipe.txt";

    /// <summary>
    /// Checks that <paramref name="folder"/>'s results were run with <paramref name="windows"/> and
    /// <paramref name="recipe"/> (or that it holds none yet), and records both.
    /// </summary>
    /// <exception cref="ArgumentException">The folder holds results run with other windows or another recipe.</exception>
    public static void Record(string folder, ExperimentResults results, HarDataset dataset, SensorWindowingOptions windows, TrainingRecipe recipe)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(windows);
        var paper = dataset.WindowingOptions();
        var settings = new[]
        {
            new Setting(WindowsFile, "windows of", "window setting",
                Describe(windows.ResolvedWindowLength, windows.ResolvedStep), Describe(paper.ResolvedWindowLength, paper.ResolvedStep)),
            new Setting(RecipeFile, "the training recipe", "training recipe", recipe.ToString(), nameof(TrainingRecipe.Paper)),
        };
        foreach (var setting in settings)
        {
            var path = Path.Combine(folder, setting.FileName);
            var recorded = File.Exists(path) ? File.ReadAllText(path).Trim() : setting.Paper;
            if (results.Rows.Count > 0 && recorded != setting.Wanted)
            {
                throw new ArgumentException($"'{Path.GetFullPath(folder)}' holds results run with {setting.What} {recorded}; these are {setting.Wanted}. "
                    + $"Give each {setting.Kind} its own --output folder.");
            }
        }
        // Written once every setting agrees, so a refused run leaves the folder as it was.
        foreach (var setting in settings.Where(s => s.Wanted != s.Paper))
            AtomicFile.Write(Path.Combine(folder, setting.FileName), stream => stream.Write(Encoding.UTF8.GetBytes(setting.Wanted + "\n")));
    }

    /// <summary>The options <paramref name="folder"/>'s runs were made with: its recipe's, with its windows; the paper's
    /// where it records none.</summary>
    /// <exception cref="FormatException">A settings file does not read as this class writes it.</exception>
    public static PaperExperimentOptions Read(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var recipePath = Path.Combine(folder, RecipeFile);
        var recipe = TrainingRecipe.Paper;
        if (File.Exists(recipePath) && !(Enum.TryParse(File.ReadAllText(recipePath).Trim(), out recipe) && Enum.IsDefined(recipe)))
            throw new FormatException($"'{recipePath}' must name a training recipe ({string.Join(", ", Enum.GetNames<TrainingRecipe>())}).");
        var options = PaperExperimentOptions.For(recipe);
        var windowsPath = Path.Combine(folder, WindowsFile);
        if (File.Exists(windowsPath))
        {
            var setting = WindowSetting().Match(File.ReadAllText(windowsPath).Trim());
            if (!setting.Success)
                throw new FormatException($"'{windowsPath}' must read 'T <samples>, step <samples>'.");
            options.WindowLength = int.Parse(setting.Groups["length"].Value, CultureInfo.InvariantCulture);
            options.WindowStep = int.Parse(setting.Groups["step"].Value, CultureInfo.InvariantCulture);
        }
        return options;
    }

    private static string Describe(int length, int step) => string.Create(CultureInfo.InvariantCulture, $"T {length}, step {step}");

    [GeneratedRegex(@"^T (?<length>\d+), step (?<step>\d+)$")]
    private static partial Regex WindowSetting();

    /// <summary>One recorded setting: its file, how an error names it, the value wanted and the paper's.</summary>
    private sealed record Setting(string FileName, string What, string Kind, string Wanted, string Paper);
}
