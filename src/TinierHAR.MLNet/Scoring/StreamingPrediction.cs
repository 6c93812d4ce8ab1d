namespace TinierHAR.MLNet.Scoring;

/// <summary>A prediction for the window of samples <paramref name="FirstSample"/>..<paramref name="LastSample"/> of a stream.</summary>
/// <param name="FirstSample">0-based index of the window's first sample in the stream.</param>
/// <param name="LastSample">0-based index of its last sample.</param>
/// <param name="Activity">The predicted class name.</param>
/// <param name="Probabilities">Class probabilities, in the bundle's class order.</param>
public sealed record StreamingPrediction(long FirstSample, long LastSample, string Activity, float[] Probabilities);
