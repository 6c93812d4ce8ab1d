namespace TinierHAR.MLNet.Scoring;

/// <summary>A run of windows with the same (smoothed) activity.</summary>
/// <param name="Sequence">The run of windows it lies in.</param>
/// <param name="Activity">The activity.</param>
/// <param name="Start">Start in seconds: the first window's start, or midway between the centres of the windows that differ.</param>
/// <param name="End">End in seconds, likewise.</param>
/// <param name="Windows">Windows in the segment.</param>
public sealed record ActivitySegment(string Sequence, string Activity, double Start, double End, int Windows);
