namespace TinierHAR.Trainer.Training;

/// <summary>The validation figure that decides which epoch's weights are kept and when training stops.</summary>
public enum EarlyStoppingMetric
{
    /// <summary>The paper's: the validation loss; an epoch at or below the lowest so far is kept.</summary>
    ValidationLoss,

    /// <summary>Validation macro F1; an epoch strictly above the highest so far is kept (WHAR Arena's protocol, where rare
    /// classes weigh as much as common ones).</summary>
    ValidationMacroF1,
}
