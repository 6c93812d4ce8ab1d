using TinierHAR.Trainer.Training;

namespace Microsoft.ML;

/// <summary>Catalog entry points: <c>mlContext.MulticlassClassification.Trainers.TinierHar(...)</c>.</summary>
public static class TinierHarCatalog
{
    /// <summary>
    /// Trains TinierHAR (or TinyHAR, DeepConvLSTM: see <see cref="TinierHarTrainer.Options.Network"/>) on windows of
    /// <c>Vector&lt;Single, T, C&gt;</c> with a key-typed label, with the paper's protocol by default.
    /// </summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="options">The network, the protocol (optimiser, schedule, early stopping, validation), precision, threads and seed.</param>
    /// <remarks>
    /// The fitted model scores through ONNX Runtime (<c>Score</c> with class slot names, <c>PredictedLabel</c> a key
    /// with the label's values) and saves with <c>mlContext.Model.Save</c>; progress, log lines and cancellation are
    /// attached with <see cref="TinierHarTrainer.WithHooks"/>.
    /// <example><code>
    /// var trainer = ml.MulticlassClassification.Trainers.TinierHar(new TinierHarTrainer.Options
    /// {
    ///     Network = new TinyHarOptions(), MaxEpochs = 100, Precision = TrainingPrecision.Float64,
    /// });
    /// </code></example>
    /// </remarks>
    public static TinierHarTrainer TinierHar(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TinierHarTrainer.Options options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TinierHarTrainer(options);
    }

    /// <summary>Trains TinierHAR with the paper's protocol, from the settings people change most.</summary>
    /// <param name="catalog">The multiclass trainers catalog.</param>
    /// <param name="labelColumnName">The key-typed label column.</param>
    /// <param name="featureColumnName">The window column, <c>Vector&lt;Single, T, C&gt;</c>.</param>
    /// <param name="maxEpochs">Most epochs (the paper: 150; early stopping may end sooner).</param>
    /// <param name="seed">Seed of initialisation, shuffling, dropout and the validation split.</param>
    /// <remarks>
    /// The network and its options, precision, threads, validation data, class weights, augmentation and progress are
    /// on <see cref="TinierHarTrainer.Options"/>.
    /// <example><code>
    /// var model = ml.Transforms.NormalizeSensorChannels("Features")
    ///     .Append(ml.MulticlassClassification.Trainers.TinierHar("Label", "Features", maxEpochs: 40))
    ///     .Fit(windows);
    /// </code></example>
    /// </remarks>
    public static TinierHarTrainer TinierHar(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = "Label",
        string featureColumnName = "Features", int maxEpochs = 150, int seed = 1) =>
        catalog.TinierHar(new TinierHarTrainer.Options { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, MaxEpochs = maxEpochs, Seed = seed });
}
