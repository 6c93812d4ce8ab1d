namespace TinierHAR.MLNet.Scoring;

/// <summary>One scored window of a log, as the segmenter sees it.</summary>
/// <param name="Sequence">The run of windows it belongs to (source, subject, session): segments never cross sequences.</param>
/// <param name="FirstSample">Index of the window's first sample in the log.</param>
/// <param name="Start">Start of the window in seconds (its first timestamp, or sample index / rate).</param>
/// <param name="End">End of the window in seconds.</param>
/// <param name="Activity">The predicted class (or the unknown label).</param>
public sealed record WindowActivity(string Sequence, long FirstSample, double Start, double End, string Activity);
