namespace TinierHAR.MLNet.Windowing;

/// <summary>One sample row held by a pre-stage of the windowing: its channel values, its other columns and its group.</summary>
internal sealed class SampleRow(float[] channels, object[] others, string group, long index)
{
    public float[] Channels { get; } = channels;
    public object[] Others { get; } = others;
    public string Group { get; } = group;
    public long Index { get; } = index;

    /// <summary>Channel values still invalid (for interpolation).</summary>
    public int Missing { get; set; }
}
