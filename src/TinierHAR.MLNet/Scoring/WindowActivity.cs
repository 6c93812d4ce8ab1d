namespace TinierHAR.MLNet.Scoring;

/// <summary>One scored window of a log, as the segmenter sees it.</summary>
/// <param name="Sequence">The run of windows it belongs to (source, subject, session): segments never cross sequences.</param>
/// <param name="Run">The windowing's run (<c>RunIndex</c>): windows of one run follow each other without a gap, so a
/// segment breaks where it changes.</param>
/// <param name="Start">Start of the window in seconds (its first timestamp, or sample index / rate).</param>
/// <param name="End">End of the window in seconds.</param>
/// <param name="Activity">The predicted class (or the unknown label).</param>
public sealed record WindowActivity(string Sequence, long Run, double Start, double End, string Activity);
