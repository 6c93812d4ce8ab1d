namespace TinierHAR.Trainer.Training;

/// <summary>One epoch of training, as reported to progress callbacks and kept in the history.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Training cross-entropy: the plain mean of the mini-batches' mean losses (the authors' <c>np.average</c>).</param>
/// <param name="ValidationLoss">Validation cross-entropy, the plain mean of the batches' mean losses, as the schedule sees it.</param>
/// <param name="ValidationAccuracy">Accuracy on the validation windows.</param>
/// <param name="ValidationWeightedF1">F1 weighted by class support on the validation windows.</param>
/// <param name="ValidationMacroF1">Macro F1 on the validation windows.</param>
/// <param name="LearningRate">Learning rate used in the epoch.</param>
/// <param name="TrainSeconds">Wall-clock seconds of the training pass alone.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch (training and validation).</param>
/// <param name="IsBest">The epoch's weights are the best so far (they are the ones kept).</param>
public sealed record EpochReport(int Epoch, double TrainLoss, double ValidationLoss, double ValidationAccuracy, double ValidationWeightedF1,
    double ValidationMacroF1, double LearningRate, double TrainSeconds, double Seconds, bool IsBest)
{
    /// <summary>One line for logs.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"epoch {Epoch}: train loss {TrainLoss:F4}, validation loss {ValidationLoss:F4}, validation macro F1 {ValidationMacroF1:F3}, lr {LearningRate:G3}, {Seconds:F1} s{(IsBest ? ", best so far" : "")}");
}
