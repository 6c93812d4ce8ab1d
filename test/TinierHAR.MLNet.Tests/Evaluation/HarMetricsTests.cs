using Microsoft.ML;
using TinierHAR.MLNet.Evaluation;

namespace TinierHAR.MLNet.Tests.Evaluation;

[TestClass]
public sealed class HarMetricsTests
{
    /// <summary>
    /// Hand-computed: true a a a b b c, predicted a a b b c c.
    /// a: P 2/2, R 2/3, F1 0.8; b: P 1/2, R 1/2, F1 0.5; c: P 1/2, R 1/1, F1 2/3.
    /// accuracy 4/6; macro F1 (0.8 + 0.5 + 2/3)/3; weighted F1 (3·0.8 + 2·0.5 + 1·2/3)/6.
    /// </summary>
    [TestMethod]
    public void Metrics_equal_the_hand_computed_case()
    {
        int[] truth = [0, 0, 0, 1, 1, 2], predicted = [0, 0, 1, 1, 2, 2];
        var metrics = HarMetrics.FromIndices(["a", "b", "c"], truth.Zip(predicted));

        Assert.AreEqual(4.0 / 6, metrics.Accuracy, 1e-12);
        Assert.AreEqual((0.8 + 0.5 + 2.0 / 3) / 3, metrics.MacroF1, 1e-12);
        Assert.AreEqual((3 * 0.8 + 2 * 0.5 + 2.0 / 3) / 6, metrics.WeightedF1, 1e-12);
        CollectionAssert.AreEqual(new[] { 1.0, 0.5, 0.5 }, metrics.Precision.ToArray());
        CollectionAssert.AreEqual(new[] { 2.0 / 3, 0.5, 1.0 }, metrics.Recall.ToArray());
        CollectionAssert.AreEqual(new long[] { 3, 2, 1 }, metrics.Support.ToArray());
        Assert.AreEqual(1L, metrics.ConfusionMatrix[0, 1]);
        Assert.AreEqual(1L, metrics.ConfusionMatrix[1, 2]);
        Assert.AreEqual(6L, metrics.Count);
    }

    [TestMethod]
    public void A_class_predicted_but_never_true_enters_macro_F1_with_zero_as_in_scikit_learn()
    {
        var metrics = HarMetrics.FromIndices(["a", "b", "c", "d"], [(0, 0), (1, 1), (1, 2)]);
        // a: F1 1; b: P 1, R 1/2, F1 2/3; c: never true, predicted once: F1 0, and it counts (scikit-learn averages over
        // unique_labels(y_true, y_pred)); d: neither true nor predicted: left out.
        Assert.AreEqual((1 + 2.0 / 3 + 0) / 3, metrics.MacroF1, 1e-12);
        Assert.AreEqual(0.0, metrics.F1[2]);
    }

    private sealed class Row
    {
        public string Label { get; set; } = "";
        public string Predicted { get; set; } = "";
    }

    private sealed class KeyValue
    {
        public string Value { get; set; } = "";
    }

    [TestMethod]
    public void Evaluate_reads_key_columns_of_a_scored_data_view()
    {
        var ml = new MLContext(seed: 1);
        var rows = new[] { ("sit", "sit"), ("sit", "stand"), ("stand", "stand"), ("walk", "walk") }
            .Select(p => new Row { Label = p.Item1, Predicted = p.Item2 });
        var data = ml.Data.LoadFromEnumerable(rows);
        var keys = ml.Data.LoadFromEnumerable(new[] { "sit", "stand", "walk" }.Select(v => new KeyValue { Value = v }));
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyData: keys)
            .Append(ml.Transforms.Conversion.MapValueToKey("PredictedLabel", "Predicted", keyData: keys))
            .Fit(data).Transform(data);

        var metrics = HarMetrics.Evaluate(keyed);

        CollectionAssert.AreEqual(new[] { "sit", "stand", "walk" }, metrics.ClassNames.ToArray());
        Assert.AreEqual(0.75, metrics.Accuracy, 1e-12);
        Assert.AreEqual(1L, metrics.ConfusionMatrix[0, 1]);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => HarMetrics.Evaluate(data)).Message, "'PredictedLabel'");
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => HarMetrics.Evaluate(keyed, predictedLabelColumnName: "Predicted")).Message, "key type with 3 values");
    }
}
