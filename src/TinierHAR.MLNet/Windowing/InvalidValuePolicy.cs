namespace TinierHAR.MLNet.Windowing;

/// <summary>What windowing does with NaN or infinite channel values.</summary>
public enum InvalidValuePolicy
{
    /// <summary>Stop with an error naming the row and channel (default).</summary>
    Error,
    /// <summary>Fill them by linear interpolation between the nearest finite values of the same channel and group, by
    /// position (as the paper's loaders do with pandas); at a group's start or end, the nearest finite value is held.
    /// Counted in <see cref="WindowingReport.ValuesInterpolated"/>.</summary>
    Interpolate,
}
