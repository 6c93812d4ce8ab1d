namespace TinierHAR.Service.Hosting;

/// <summary>One scored window; <c>Start</c> and <c>End</c> in seconds where the log has timestamps.</summary>
public sealed record ScoredWindow(string Source, string Subject, string Session, long FirstSample, long LastSample, double? Start, double? End,
    string Predicted, float Confidence, IReadOnlyList<float> Probabilities);
