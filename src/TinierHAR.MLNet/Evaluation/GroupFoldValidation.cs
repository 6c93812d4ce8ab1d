using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Evaluation;

/// <summary>
/// Cross-validation over explicit fold lists, as HAR papers fix them (e.g. HAPT: subjects 1–3, 4–6, …): for each fold,
/// fit on the rows of the other groups and evaluate on the fold's groups. <c>CrossValidate</c> with a sampling key
/// draws folds at random; this runs the folds a paper names.
/// </summary>
public static class GroupFoldValidation
{
    private const string FoldGroupColumn = "HarFoldGroup";

    /// <summary>Runs every fold; <paramref name="groupColumnName"/> must be a text column (subject, session).</summary>
    public static IReadOnlyList<GroupFoldResult> Run(MLContext ml, IDataView data, IEstimator<ITransformer> estimator, string groupColumnName,
        IReadOnlyList<IReadOnlyList<string>> folds, string labelColumnName = "Label", string predictedLabelColumnName = "PredictedLabel")
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(estimator);
        ArgumentNullException.ThrowIfNull(folds);
        if (data.Schema.GetColumnOrNull(groupColumnName) is not { Type: TextDataViewType })
            throw new ArgumentException($"The data needs a text column '{groupColumnName}' to name the folds' groups.", nameof(groupColumnName));
        if (folds.Count == 0 || folds.Any(f => f.Count == 0))
            throw new ArgumentException("Every fold must name at least one group.", nameof(folds));

        var tagged = ml.Transforms.CopyColumns(FoldGroupColumn, groupColumnName).Fit(data).Transform(data);
        var results = new List<GroupFoldResult>();
        for (var fold = 0; fold < folds.Count; fold++)
        {
            var test = folds[fold].ToHashSet(StringComparer.Ordinal);
            var trainRows = ml.Data.FilterByCustomPredicate<FoldGroup>(tagged, row => test.Contains(row.HarFoldGroup));
            var testRows = ml.Data.FilterByCustomPredicate<FoldGroup>(tagged, row => !test.Contains(row.HarFoldGroup));
            var model = estimator.Fit(trainRows);
            var metrics = HarMetrics.Evaluate(model.Transform(testRows), labelColumnName, predictedLabelColumnName);
            if (metrics.Count == 0)
                throw new InvalidDataException($"Fold {fold}: no labelled rows belong to groups {string.Join(", ", folds[fold])}.");
            results.Add(new GroupFoldResult(fold, folds[fold], model, metrics));
        }
        return results;
    }

    private sealed class FoldGroup
    {
        public string HarFoldGroup { get; set; } = "";
    }
}
