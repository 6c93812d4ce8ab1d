using System.Globalization;
using nietras.SeparatedValues;

namespace TinierHAR.Experiments;

/// <summary>
/// One row of a reference CSV: a run of another code (the authors') on a fold of ours, with its precision, epochs,
/// seconds per epoch, test accuracy and F1 and a free-text note on how it was run.
/// </summary>
internal sealed record ReferenceRun(string Dataset, string Model, int Fold, int Seed, string Precision, int Epochs, double SecondsPerEpoch,
    double Accuracy, double WeightedF1, double MacroF1, string Note)
{
    /// <summary>Reads every row of <paramref name="path"/>.</summary>
    public static IReadOnlyList<ReferenceRun> Read(string path)
    {
        using var reader = Sep.New(',').Reader(o => o with { CultureInfo = CultureInfo.InvariantCulture, Unescape = true }).FromFile(path);
        return reader.Enumerate(row => new ReferenceRun(row["dataset"].ToString(), row["model"].ToString(), row["fold"].Parse<int>(), row["seed"].Parse<int>(),
            row["precision"].ToString(), row["epochs"].Parse<int>(), row["seconds_per_epoch"].Parse<double>(), row["accuracy"].Parse<double>(),
            row["weighted_f1"].Parse<double>(), row["macro_f1"].Parse<double>(), row["note"].ToString())).ToArray();
    }

    /// <summary>Whether <paramref name="ours"/> ran the same dataset, model and fold.</summary>
    public bool Matches(FoldResult ours) => ours.Dataset == Dataset && ours.Model == Model && ours.Fold == Fold;
}
