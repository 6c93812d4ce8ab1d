namespace TinierHAR.Trainer.Training;

/// <summary>Weights of the classes in the cross-entropy, computed from the training windows.</summary>
public enum ClassWeighting
{
    /// <summary>Every class weighs the same (the paper), or as <see cref="TinierHarTrainer.Options.ClassWeights"/> gives.</summary>
    None,

    /// <summary>Inversely to the class's share of the training windows (after the validation split): <c>n / (K · n_c)</c>
    /// for <c>n</c> windows, <c>K</c> classes and <c>n_c</c> windows of the class, so a balanced set weighs every class 1.
    /// A class with no training window weighs 0. WHAR Arena's protocol weighs by training frequency.</summary>
    InverseFrequency,
}
