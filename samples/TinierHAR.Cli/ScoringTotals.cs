namespace TinierHAR.Cli;

/// <summary>What a scoring pass wrote.</summary>
internal sealed record ScoringTotals(long Windows, long Unknown, long? Segments);
