namespace TinierHAR.MLNet.Windowing;

/// <summary>What happens to consecutive samples of one recording that carry the same timestamp.</summary>
public enum RepeatedTimestampPolicy
{
    /// <summary>One sample, the mean of their channel values, with the first one's label (every row is used).</summary>
    Mean,

    /// <summary>The first is kept; the others are removed and counted.</summary>
    Drop,

    /// <summary>An error naming the file, line and column.</summary>
    Error,
}
