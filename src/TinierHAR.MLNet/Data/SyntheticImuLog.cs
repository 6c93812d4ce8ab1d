namespace TinierHAR.MLNet.Data;

/// <summary>What <see cref="SyntheticImuCsv.Write"/> wrote.</summary>
/// <param name="Rows">Sample rows.</param>
/// <param name="Seconds">The recordings' own length: each subject's first to last timestamp, summed (rows / rate is not,
/// with a second rate or dropped samples).</param>
public sealed record SyntheticImuLog(long Rows, double Seconds);
