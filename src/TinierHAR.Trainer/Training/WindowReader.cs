using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Evaluation;

namespace TinierHAR.Trainer.Training;

/// <summary>Reads an IDataView of windows (Features, key Label) into memory for training, checking its schema.</summary>
public static class WindowReader
{
    /// <summary>The windows of <paramref name="data"/>, their class names (the label's key values) and, where asked, each window's group.</summary>
    /// <param name="data">Windows: a <c>Vector&lt;Single, T, C&gt;</c> feature column and a key-typed label column.</param>
    /// <param name="featureColumn">The feature column.</param>
    /// <param name="labelColumn">The label column.</param>
    /// <param name="expectedClasses">The class count the label must have (a model's), or null for any of at least 2.</param>
    /// <param name="groupColumn">A text column whose value per window is returned as its group, or null.</param>
    public static (TrainingWindows Windows, IReadOnlyList<string> ClassNames, string[]? Groups) Read(IDataView data, string featureColumn, string labelColumn,
        int? expectedClasses = null, string? groupColumn = null)
    {
        var features = data.Schema.GetColumnOrNull(featureColumn)
            ?? throw new ArgumentException($"The data has no column '{featureColumn}' (windows of Vector<Single, T, C>).", nameof(data));
        // ONNX-produced columns (the channel normaliser) carry a leading batch dimension of 1: [1, T, C].
        if (features.Type is not VectorDataViewType { ItemType: NumberDataViewType single } vector || single != NumberDataViewType.Single
            || vector.Dimensions.Length < 2 || vector.Dimensions.Any(d => d <= 0) || vector.Dimensions[..^2].Any(d => d != 1))
        {
            throw new ArgumentException($"Column '{featureColumn}' must be Vector<Single, T, C> (time x channels), as the windowing produces; it is {features.Type}.", nameof(data));
        }
        var label = data.Schema.GetColumnOrNull(labelColumn)
            ?? throw new ArgumentException($"The data has no column '{labelColumn}'.", nameof(data));
        if (label.Type is not KeyDataViewType key || key.RawType != typeof(uint))
            throw new ArgumentException($"Column '{labelColumn}' must be a key type (map labels with MapValueToKey); it is {label.Type}.", nameof(data));
        var classes = (int)key.Count;
        if (classes < 2)
            throw new ArgumentException($"Column '{labelColumn}' has {classes} class(es); at least 2 are needed.", nameof(data));
        if (expectedClasses is { } expected && expected != classes)
            throw new ArgumentException($"Column '{labelColumn}' has {classes} classes; the training data has {expected}.", nameof(data));

        var group = groupColumn is null ? (DataViewSchema.Column?)null
            : data.Schema.GetColumnOrNull(groupColumn) ?? throw new ArgumentException($"The data has no group column '{groupColumn}'.", nameof(groupColumn));
        if (group is { Type: not TextDataViewType } notText)
            throw new ArgumentException($"The group column '{groupColumn}' must be text (such as a subject or a window's name); it is {notText.Type}.", nameof(groupColumn));
        var (t, c) = (vector.Dimensions[^2], vector.Dimensions[^1]);
        var values = new List<float>();
        var labels = new List<int>();
        var groups = new List<string>();
        using (var cursor = data.GetRowCursor(new[] { features, label, group }.OfType<DataViewSchema.Column>()))
        {
            var getFeatures = cursor.GetGetter<VBuffer<float>>(features);
            var getLabel = cursor.GetGetter<uint>(label);
            var getGroup = group is { } g ? cursor.GetGetter<ReadOnlyMemory<char>>(g) : null;
            ReadOnlyMemory<char> groupValue = default;
            VBuffer<float> window = default;
            uint value = 0;
            while (cursor.MoveNext())
            {
                getLabel(ref value);
                if (value == 0)
                    throw new InvalidDataException($"Row {cursor.Position}: the label '{labelColumn}' is missing (key 0); drop or label such windows first.");
                getFeatures(ref window);
                foreach (var v in window.DenseValues())
                {
                    if (!float.IsFinite(v))
                        throw new InvalidDataException($"Row {cursor.Position}: column '{featureColumn}' holds {v}; windows must be finite.");
                    values.Add(v);
                }
                labels.Add((int)value - 1);
                if (getGroup is not null)
                {
                    getGroup(ref groupValue);
                    groups.Add(groupValue.ToString());
                }
            }
        }
        if (labels.Count == 0)
            throw new ArgumentException("The data has no windows.", nameof(data));
        return (new TrainingWindows(values.ToArray(), labels.ToArray(), t, c), HarMetrics.KeyNames(label, classes), group is null ? null : groups.ToArray());
    }
}
