namespace TinierHAR.MLNet.Data;

/// <summary>The unit a timestamp column was read in, and why.</summary>
/// <param name="Unit">The unit (never <see cref="TimestampUnit.Auto"/>).</param>
/// <param name="Evidence">How it was decided, such as "median interval 15.6 ms: 64.0 Hz", or "given".</param>
public sealed record TimestampDecision(TimestampUnit Unit, string Evidence)
{
    /// <inheritdoc />
    public override string ToString() => $"{TimestampUnitNames.Symbol(Unit)} ({Evidence})";
}
