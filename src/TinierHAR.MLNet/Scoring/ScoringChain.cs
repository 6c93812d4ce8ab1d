using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// Turns an exported HAR ONNX model into ML.NET's multiclass outputs with built-in, savable transformers only:
/// <c>ApplyOnnxModel</c> (Features → Score, with slot names), the stateless <see cref="ScoreArgMaxMapping"/>, and
/// <c>MapValue</c> with key output, which gives <c>PredictedLabel</c> the class names as key values.
/// </summary>
internal static class ScoringChain
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
}
