using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Scoring;

/// <summary>Options of <see cref="BatchedHarScoringEstimator"/>: the columns, plus the scorer's batching and threads.</summary>
public sealed class BatchedHarScoringOptions : BatchedHarScorerOptions
{
    /// <summary>The input column of windows, float T × C time-major.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The output column of class probabilities (the class names are its slot names).</summary>
    public string ScoreColumnName { get; set; } = "Score";

    /// <summary>The output column of the most probable class, a key whose values are the class names.</summary>
    public string PredictedLabelColumnName { get; set; } = "PredictedLabel";

    /// <summary>Per-channel statistics to apply before the network, for a model that expects normalised windows and
    /// does not hold them; null when the windows are normalised already or the model normalises itself.</summary>
    public ChannelNormalization? Normalization { get; set; }
}
