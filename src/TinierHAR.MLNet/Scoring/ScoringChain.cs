using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// Turns an exported HAR ONNX model into ML.NET's multiclass outputs with built-in, savable transformers only:
/// <c>ApplyOnnxModel</c> (Features → Score, with slot names), the stateless <see cref="ScoreArgMaxMapping"/>, and
/// <c>MapValue</c> with key output, which gives <c>PredictedLabel</c> the class names as key values.
/// </summary>
public static class ScoringChain
{
    /// <summary>The predicted class column, a key whose values are the class names.</summary>
    public const string PredictedLabelName = "PredictedLabel";

    /// <summary>Builds and fits (trivially) the chain for <paramref name="onnxModel"/> on data shaped like <paramref name="input"/>.</summary>
    public static TransformerChain<ITransformer> Build(byte[] onnxModel, IReadOnlyList<string> classNames, string featureColumnName, IDataView input, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        ArgumentNullException.ThrowIfNull(classNames);
        var ml = new MLContext(seed);
        return OwnedOnnxChain.Fit(ml, onnxModel, path =>
        {
            // The model's input is named Features; another window column is copied there first.
            IEstimator<ITransformer> start = featureColumnName == HarOnnxModelWriter.FeaturesName
                ? new EstimatorChain<ITransformer>()
                : ml.Transforms.CopyColumns(HarOnnxModelWriter.FeaturesName, featureColumnName);
            return start
                .Append(ml.Transforms.ApplyOnnxModel(
                    outputColumnNames: [HarOnnxModelWriter.ScoreName], inputColumnNames: [HarOnnxModelWriter.FeaturesName], modelFile: path))
                .Append(ml.Transforms.CustomMapping(new ScoreArgMaxMapping().GetMapping(), ScoreArgMaxMapping.ContractName))
                .Append(ml.Transforms.Conversion.MapValue(PredictedLabelName,
                    classNames.Select((name, index) => new KeyValuePair<uint, string>((uint)index, name)),
                    ScoreArgMaxMapping.IndexColumnName, treatValuesAsKeyType: true))
                .Append(ml.Transforms.DropColumns(ScoreArgMaxMapping.IndexColumnName));
        }, input);
    }

    /// <summary>
    /// The shape of a scoring chain's output on windows shaped like <paramref name="inputSchema"/> (what a HAR trainer's
    /// <c>GetOutputSchema</c> returns): the input's columns with <c>Score</c> (float vector, class slot names) and
    /// <c>PredictedLabel</c> (a key with the class names as values) added, and a <c>Features</c> copy where the windows
    /// have another name. The window column must be a float vector and the label a key; an error names the column.
    /// </summary>
    /// <param name="inputSchema">The windows' shape.</param>
    /// <param name="featureColumnName">The window column.</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    public static SchemaShape OutputShape(SchemaShape inputSchema, string featureColumnName, string labelColumnName)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var features = SchemaShapes.Require(inputSchema, featureColumnName, "window");
        if (features.Kind != SchemaShape.Column.VectorKind.Vector || features.ItemType != NumberDataViewType.Single)
            throw new ArgumentOutOfRangeException(featureColumnName, $"Column '{featureColumnName}' must be Vector<Single, T, C> (time x channels), as the windowing produces; it is {features.Kind} of {features.ItemType}.");
        var label = SchemaShapes.Require(inputSchema, labelColumnName, "label");
        if (!label.IsKey)
            throw new ArgumentOutOfRangeException(labelColumnName, $"Column '{labelColumnName}' must be a key type (map labels with MapValueToKey); it is {label.ItemType}.");

        var added = BatchedScoresDataView.OutputColumns(HarOnnxModelWriter.ScoreName, PredictedLabelName, ["class"]);
        var output = new DataViewSchema.Builder();
        foreach (var column in inputSchema.Where(c => !added.Any(a => a.Name == c.Name) && c.Name != HarOnnxModelWriter.FeaturesName))
            SchemaShapes.AddLike(output, column);
        SchemaShapes.AddLike(output, features, HarOnnxModelWriter.FeaturesName);
        output.AddColumns(added);
        return SchemaShapes.ShapeOf(output.ToSchema());
    }
}
