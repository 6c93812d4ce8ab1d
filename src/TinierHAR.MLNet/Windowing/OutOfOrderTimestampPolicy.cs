namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// What happens to a sample whose timestamp is earlier than the previous sample's in the same recording. A jump back by
/// more than the gap tolerance is a clock reset under <see cref="Drop"/>: it starts a new segment.
/// </summary>
public enum OutOfOrderTimestampPolicy
{
    /// <summary>The sample is removed and counted.</summary>
    Drop,

    /// <summary>An error naming the file, line and column.</summary>
    Error,
}
