namespace TinierHAR.Experiments;

/// <summary>
/// A benchmark's training protocol around the network: how validation windows are drawn, the optimiser's batch and
/// decay, the learning-rate schedule, early stopping and the loss's class weights. Windows are set apart
/// (<see cref="PaperExperimentOptions.WindowLength"/>), since each benchmark also has its own.
/// </summary>
public enum TrainingRecipe
{
    /// <summary>The TinierHAR paper's (the authors' code): a random 10 % of the training windows validate, batches of
    /// 256, weight decay 0.01, the rate ×0.1 after 7 epochs without a lower validation loss, stopping after 15, at most
    /// 150 epochs, plain cross-entropy.</summary>
    Paper,

    /// <summary>
    /// WHAR Arena v1's (<c>evaluation/protocol.yaml</c> of teco-kit/whar-arena): 20 % of the training subjects validate,
    /// batches of 64, weight decay 1e-4, cosine annealing over at most 100 epochs, early stopping on validation macro F1
    /// with patience 10 and the best weights restored, cross-entropy weighted by the training classes' frequencies. The
    /// file names these settings only; how its code rounds the subject count or forms the weights is read here as
    /// <see cref="PaperExperimentOptions.ValidationSubjectFraction"/> and <see cref="Trainer.Training.ClassWeighting.InverseFrequency"/> say.
    /// </summary>
    WharArena,
}
