namespace TinierHAR.MLNet.Windowing;

/// <summary>One sample row held by a pre-stage of the windowing: its channel values, label and groups, group key and timestamp.</summary>
internal sealed class SampleRow(float[] channels, object[] others, string group, long index, double time)
{
    /// <summary>The timestamp in its column's unit, or NaN without one.</summary>
    public double Time { get; } = time;

    public float[] Channels { get; } = channels;
    public object[] Others { get; } = others;
    public string Group { get; } = group;
    public long Index { get; } = index;

    /// <summary>Channel values still invalid (for interpolation).</summary>
    public int Missing { get; set; }
}
