namespace TinierHAR.MLNet.Data;

/// <summary>What a timestamp column's values count.</summary>
public enum TimestampUnit
{
    /// <summary>
    /// Decided from the values: date-time text is <see cref="DateTime"/>; numbers take the unit whose median interval
    /// gives a sampling rate nearest the expected one (50 Hz when none is known). The decision is reported.
    /// </summary>
    Auto,

    /// <summary>Seconds, with any fraction, since the epoch or since the start.</summary>
    Seconds,

    /// <summary>Milliseconds since the epoch or since the start.</summary>
    Milliseconds,

    /// <summary>Microseconds since the epoch or since the start.</summary>
    Microseconds,

    /// <summary>Nanoseconds since the epoch or since the start (device clocks since boot often count these).</summary>
    Nanoseconds,

    /// <summary>ISO 8601 / RFC 3339 date-times, with or without an offset (none means UTC); text columns only.</summary>
    DateTime,
}
