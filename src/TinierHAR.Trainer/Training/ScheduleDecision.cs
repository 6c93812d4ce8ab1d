namespace TinierHAR.Trainer.Training;

/// <summary>The schedule's answer for one epoch.</summary>
/// <param name="KeepWeights">The epoch is the best so far: keep its weights.</param>
/// <param name="ReduceLearningRate">Multiply the learning rate by the factor now.</param>
/// <param name="Stop">Stop training.</param>
public readonly record struct ScheduleDecision(bool KeepWeights, bool ReduceLearningRate, bool Stop);
