namespace TinierHAR.Service.Hosting;

/// <summary>One activity segment, in seconds.</summary>
public sealed record ScoredSegment(string Source, string Subject, string Session, string Activity, double Start, double End, long Windows);
