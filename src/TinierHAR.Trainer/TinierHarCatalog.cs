using Microsoft.ML;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Trainer;

/// <summary>Catalog entry points: <c>mlContext.MulticlassClassification.Trainers.TinierHar(...)</c>.</summary>
public static class TinierHarCatalog
{
    /// <summary>
    /// Trains TinierHAR (or TinyHAR, DeepConvLSTM: see <see cref="TinierHarTrainer.Options.Network"/>) on windows of
    /// <c>Vector&lt;Single, T, C&gt;</c> with a key-typed label, with the paper's protocol by default.
    /// </summary>
    public static TinierHarTrainer TinierHar(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, TinierHarTrainer.Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new TinierHarTrainer(options ?? new TinierHarTrainer.Options());
    }
}
