namespace TinierHAR.Service.Hosting;

/// <summary>The bundle that scored a log.</summary>
public sealed record ScoredBy(string Sha256, int Version);
