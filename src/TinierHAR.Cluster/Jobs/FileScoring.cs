using System.Diagnostics;
using System.Text.Json;
using Microsoft.ML;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Cluster.Jobs;

/// <summary>
/// One file of a job, scored as a local score scores it (<see cref="LogCsvScoring"/>), to outputs named after it. A
/// marker written after both outputs records the outcome, so that the file is not scored twice: by a second submission
/// of the job, or by a second worker given it after its first worker's caller died.
/// </summary>
public static class FileScoring
{
    private static readonly string[] InputExtensions = [".csv.gz", ".csv", ".txt.gz", ".txt", ".gz"];

    /// <summary>The options' JSON form in a job spec.</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>The name an input's outputs carry: its file name without the log extension.</summary>
    public static string OutputName(string input)
    {
        var name = Path.GetFileName(input);
        var extension = InputExtensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));
        return extension is null ? name : name[..^extension.Length];
    }

    /// <summary>The predictions, segments and done-marker paths of <paramref name="input"/>.</summary>
    public static (string Predictions, string Segments, string Marker) Outputs(string outputFolder, string input)
    {
        var stem = Path.Combine(outputFolder, OutputName(input));
        return (stem + ".predictions.csv", stem + ".segments.csv", stem + ".done.json");
    }

    /// <summary>Scores <paramref name="input"/> of <paramref name="spec"/> unless its marker says it is done; a file that cannot be scored is an outcome with its error.</summary>
    public static FileOutcome Score(BundleCache bundles, ScoringJobSpec spec, string input, string silo)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        ArgumentNullException.ThrowIfNull(spec);
        var (predictions, segments, marker) = Outputs(spec.OutputFolder, input);
        if (File.Exists(marker))
            return JsonSerializer.Deserialize<FileOutcome>(File.ReadAllText(marker), Json)!;
        var clock = Stopwatch.StartNew();
        try
        {
            RemoveLeftovers(spec.OutputFolder, predictions, segments, marker);
            var options = JsonSerializer.Deserialize<LogCsvScoringOptions>(spec.OptionsJson, Json)
                ?? throw new ArgumentException("The job's options are empty.");
            var bundle = bundles.Get(spec.ModelPath);
            Directory.CreateDirectory(spec.OutputFolder);
            var result = LogCsvScoring.Score(new MLContext(), bundle, input, predictions, segments, options);
            var outcome = new FileOutcome
            {
                RowsRead = result.RowsRead,
                RowsInWindows = result.Windowing.RowsInWindows,
                RowsRemoved = result.RowsRemoved,
                RowsNotCovered = result.Windowing.RowsNotCovered,
                Windows = result.Windows,
                Segments = result.Segments ?? 0,
                Seconds = clock.Elapsed.TotalSeconds,
                Silo = silo,
            };
            AtomicFile.Write(marker, stream => JsonSerializer.Serialize(stream, outcome, Json));
            return outcome;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or FormatException or InvalidOperationException)
        {
            return new FileOutcome { Error = $"{input}: {Innermost(e).Message}", Seconds = clock.Elapsed.TotalSeconds, Silo = silo };
        }
    }

    /// <summary>The temporary files of a worker that died while writing this file's outputs (its silo killed).</summary>
    private static void RemoveLeftovers(string folder, params string[] outputs)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var output in outputs)
        {
            foreach (var partial in Directory.EnumerateFiles(folder, Path.GetFileName(output) + ".*.partial"))
                File.Delete(partial);
        }
    }

    private static Exception Innermost(Exception e) => e is InvalidOperationException { InnerException: { } inner } ? Innermost(inner) : e;
}
