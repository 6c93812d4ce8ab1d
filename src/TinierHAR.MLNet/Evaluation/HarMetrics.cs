using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Evaluation;

/// <summary>
/// The metrics HAR papers report, which ML.NET's multiclass evaluator lacks: accuracy, macro and weighted F1,
/// per-class precision/recall/F1 and the confusion matrix (rows = true class, columns = predicted class).
/// A class with no true and no predicted window has F1 0 and support 0; macro F1 averages over the classes that occur
/// as a true or a predicted label, as scikit-learn's <c>f1_score(average='macro')</c> does (the labels of
/// <c>unique_labels(y_true, y_pred)</c>): a class predicted but never true counts with F1 0.
/// </summary>
public sealed class HarMetrics
{
    private HarMetrics(IReadOnlyList<string> classNames, long[,] confusion)
    {
        ClassNames = classNames;
        ConfusionMatrix = confusion;
        var k = classNames.Count;
        var support = new long[k];
        var predicted = new long[k];
        long correct = 0, total = 0;
        for (var t = 0; t < k; t++)
        {
            for (var p = 0; p < k; p++)
            {
                support[t] += confusion[t, p];
                predicted[p] += confusion[t, p];
                total += confusion[t, p];
            }
            correct += confusion[t, t];
        }
        Support = support;
        Precision = Enumerable.Range(0, k).Select(c => predicted[c] == 0 ? 0 : (double)confusion[c, c] / predicted[c]).ToArray();
        Recall = Enumerable.Range(0, k).Select(c => support[c] == 0 ? 0 : (double)confusion[c, c] / support[c]).ToArray();
        F1 = Enumerable.Range(0, k).Select(c => Precision[c] + Recall[c] == 0 ? 0 : 2 * Precision[c] * Recall[c] / (Precision[c] + Recall[c])).ToArray();
        Count = total;
        Accuracy = total == 0 ? 0 : (double)correct / total;
        var present = Enumerable.Range(0, k).Where(c => support[c] > 0 || predicted[c] > 0).ToArray();
        MacroF1 = present.Length == 0 ? 0 : present.Average(c => F1[c]);
        WeightedF1 = total == 0 ? 0 : Enumerable.Range(0, k).Sum(c => F1[c] * support[c]) / total;
    }

    /// <summary>Class names, in key order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Counts of windows by true (row) and predicted (column) class.</summary>
    public long[,] ConfusionMatrix { get; }

    /// <summary>Windows evaluated.</summary>
    public long Count { get; }

    /// <summary>Fraction of windows predicted correctly.</summary>
    public double Accuracy { get; }

    /// <summary>Unweighted mean of the per-class F1 over the classes that are true or predicted at least once.</summary>
    public double MacroF1 { get; }

    /// <summary>Mean of the per-class F1 weighted by support.</summary>
    public double WeightedF1 { get; }

    /// <summary>Per-class precision.</summary>
    public IReadOnlyList<double> Precision { get; }

    /// <summary>Per-class recall.</summary>
    public IReadOnlyList<double> Recall { get; }

    /// <summary>Per-class F1.</summary>
    public IReadOnlyList<double> F1 { get; }

    /// <summary>True windows per class.</summary>
    public IReadOnlyList<long> Support { get; }

    /// <summary>Metrics from pairs of (true, predicted) class indices in [0, K).</summary>
    public static HarMetrics FromIndices(IReadOnlyList<string> classNames, IEnumerable<(int Truth, int Predicted)> pairs)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        var k = classNames.Count;
        var confusion = new long[k, k];
        foreach (var (truth, predicted) in pairs)
        {
            if ((uint)truth >= k || (uint)predicted >= k)
                throw new ArgumentOutOfRangeException(nameof(pairs), $"Class index ({truth}, {predicted}) outside [0, {k}).");
            confusion[truth, predicted]++;
        }
        return new HarMetrics(classNames, confusion);
    }

    /// <summary>
    /// Metrics of a scored IDataView: a key-typed label column and a key-typed predicted-label column of the same
    /// cardinality (ML.NET's multiclass conventions). Rows with a missing label (key 0) are not counted.
    /// </summary>
    public static HarMetrics Evaluate(IDataView scored, string labelColumnName = "Label", string predictedLabelColumnName = "PredictedLabel")
    {
        ArgumentNullException.ThrowIfNull(scored);
        var label = scored.Schema.GetColumnOrNull(labelColumnName)
            ?? throw new ArgumentException($"Column '{labelColumnName}' (the label) is not in the data.", nameof(labelColumnName));
        var predicted = scored.Schema.GetColumnOrNull(predictedLabelColumnName)
            ?? throw new ArgumentException($"Column '{predictedLabelColumnName}' (the prediction) is not in the data.", nameof(predictedLabelColumnName));
        if (label.Type is not KeyDataViewType labelKey || labelKey.RawType != typeof(uint))
            throw new ArgumentException($"Column '{labelColumnName}' must be a key type (uint keys); it is {label.Type}.", nameof(labelColumnName));
        if (predicted.Type is not KeyDataViewType predictedKey || predictedKey.Count != labelKey.Count)
            throw new ArgumentException($"Column '{predictedLabelColumnName}' must be a key type with {labelKey.Count} values; it is {predicted.Type}.", nameof(predictedLabelColumnName));

        var names = KeyNames(label, (int)labelKey.Count);
        var pairs = new List<(int, int)>();
        using (var cursor = scored.GetRowCursor([label, predicted]))
        {
            var getLabel = cursor.GetGetter<uint>(label);
            var getPredicted = cursor.GetGetter<uint>(predicted);
            uint truth = 0, guess = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref truth);
                getPredicted(ref guess);
                if (truth == 0)
                    continue;
                pairs.Add(((int)truth - 1, guess == 0 ? throw new InvalidDataException($"Row {cursor.Position}: the prediction is missing.") : (int)guess - 1));
            }
        }
        return FromIndices(names, pairs);
    }

    /// <summary>The key values of a key column as text ("1", "2", … where it has none).</summary>
    public static string[] KeyNames(DataViewSchema.Column column, int count)
    {
        if (column.Annotations.Schema.GetColumnOrNull("KeyValues") is { } keyValues)
        {
            var itemType = ((VectorDataViewType)keyValues.Type).ItemType.RawType;
            if (itemType == typeof(ReadOnlyMemory<char>))
            {
                VBuffer<ReadOnlyMemory<char>> values = default;
                column.GetKeyValues(ref values);
                return values.DenseValues().Select(v => v.ToString()).ToArray();
            }
            if (itemType == typeof(uint))
            {
                VBuffer<uint> values = default;
                column.GetKeyValues(ref values);
                return values.DenseValues().Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            }
        }
        return Enumerable.Range(1, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }
}
