namespace TinierHAR.Trainer.Training;

/// <summary>How the learning rate changes from epoch to epoch.</summary>
public enum LearningRateSchedule
{
    /// <summary>The paper's: multiplied by <see cref="TinierHarTrainer.Options.LearningRateFactor"/> after
    /// <see cref="TinierHarTrainer.Options.LearningRatePatience"/> epochs without a strictly lower validation loss.</summary>
    Plateau,

    /// <summary>Cosine annealing to zero over <see cref="TinierHarTrainer.Options.MaxEpochs"/>, stepped once an epoch as
    /// PyTorch's <c>CosineAnnealingLR</c> with <c>T_max</c> the most epochs: epoch <c>e</c> (from 1) trains at
    /// <c>rate · (1 + cos(π (e − 1) / MaxEpochs)) / 2</c>. WHAR Arena's protocol uses it.</summary>
    Cosine,
}
