namespace TinierHAR.Plots;

/// <summary>One epoch of a training run, for <see cref="HarPlots.TrainingCurves"/>.</summary>
public sealed record TrainingCurvePoint(int Epoch, double TrainLoss, double ValidationLoss, double ValidationMacroF1, bool IsBest);
