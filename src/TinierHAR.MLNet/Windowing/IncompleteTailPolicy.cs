namespace TinierHAR.MLNet.Windowing;

/// <summary>What happens to the samples at the end of a segment that do not fill a whole window.</summary>
public enum IncompleteTailPolicy
{
    /// <summary>Not windowed (the authors' choice); counted as rows not covered.</summary>
    Drop,
    /// <summary>One more window ending at the segment's last sample, overlapping its predecessor more than the step.</summary>
    AlignToEnd,
}
