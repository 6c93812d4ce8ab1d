using System.IO.Compression;
using nietras.SeparatedValues;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Evaluation;

namespace TinierHAR.Experiments;

/// <summary>
/// What a finished run leaves beside its results row so that a test can recompute the row: every test window's true
/// and predicted class (<c>evidence/{run}.predictions.csv.gz</c>, and those of its int8 form where it was compared) and,
/// for the small networks, the trained model bundle (<c>evidence/{run}.zip</c>), whose ONNX network rescored on the same
/// windows gives the same predictions.
/// </summary>
public static class RunEvidence
{
    /// <summary>The evidence folder's name inside a results folder.</summary>
    public const string FolderName = "evidence";

    private static readonly string[] Header = ["window", "label", "predicted"];

    /// <summary>The predictions file of run <paramref name="runName"/> in the results folder <paramref name="resultsFolder"/>.</summary>
    public static string PredictionsPath(string resultsFolder, string runName) => EvidencePath(resultsFolder, runName, ".predictions.csv.gz");

    /// <summary>
    /// The predictions of run <paramref name="runName"/>'s int8 form (<see cref="PaperExperimentOptions.CompareInt8"/>) on the
    /// same test windows: the int8 macro F1 of its row comes from them.
    /// </summary>
    public static string Int8PredictionsPath(string resultsFolder, string runName) => EvidencePath(resultsFolder, runName, ".int8.predictions.csv.gz");

    /// <summary>The model bundle of run <paramref name="runName"/> in the results folder <paramref name="resultsFolder"/>.</summary>
    public static string BundlePath(string resultsFolder, string runName) => EvidencePath(resultsFolder, runName, ".zip");

    /// <summary>Every file run <paramref name="runName"/> may leave as evidence (<see cref="PredictionsPath"/>,
    /// <see cref="Int8PredictionsPath"/>, <see cref="BundlePath"/>), whether or not it exists.</summary>
    public static IReadOnlyList<string> Paths(string resultsFolder, string runName) =>
        [PredictionsPath(resultsFolder, runName), Int8PredictionsPath(resultsFolder, runName), BundlePath(resultsFolder, runName)];

    private static string EvidencePath(string resultsFolder, string runName, string extension) => Path.Combine(resultsFolder, FolderName, runName + extension);

    /// <summary>Whether runs of <paramref name="architecture"/> keep their bundle: DeepConvLSTM's (half a megabyte each) is not committed.</summary>
    public static bool KeepsBundle(string architecture) => architecture != "deepconvlstm";

    /// <summary>Writes <paramref name="predictions"/> to <paramref name="path"/>, gzip-compressed, atomically.</summary>
    public static void WritePredictions(string path, IEnumerable<WindowPrediction> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        using var file = new AtomicFile(path);
        using (var gzip = new GZipStream(file.Stream, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(gzip, leaveOpen: true))
        {
            foreach (var p in predictions)
            {
                using var row = writer.NewRow();
                row[Header[0]].Set(p.Window);
                row[Header[1]].Set(p.Label);
                row[Header[2]].Set(p.Predicted);
            }
        }
        file.Commit();
    }

    /// <summary>Reads a predictions file written by <see cref="WritePredictions"/>.</summary>
    public static IReadOnlyList<WindowPrediction> ReadPredictions(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).From(gzip);
        var missing = Header.Where(h => !reader.Header.ColNames.Contains(h)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException($"{path}: not a predictions file of the experiment runner; column(s) {string.Join(", ", missing)} missing.");
        return reader.Enumerate(row => new WindowPrediction(row[Header[0]].ToString(), row[Header[1]].ToString(), row[Header[2]].ToString())).ToArray();
    }

    /// <summary>
    /// The metrics of <paramref name="predictions"/> over <paramref name="classNames"/> (every label and prediction must
    /// be one of them).
    /// </summary>
    public static HarMetrics Metrics(IReadOnlyList<WindowPrediction> predictions, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(classNames);
        var index = classNames.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.Ordinal);
        int Class(string name, string window) => index.TryGetValue(name, out var i) ? i
            : throw new InvalidDataException($"Window {window}: '{name}' is none of the classes ({string.Join(", ", classNames)}).");
        return HarMetrics.FromIndices(classNames, predictions.Select(p => (Class(p.Label, p.Window), Class(p.Predicted, p.Window))));
    }
}
