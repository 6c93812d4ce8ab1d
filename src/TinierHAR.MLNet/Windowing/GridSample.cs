namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// One sample out of the time stage. <see cref="SpanStart"/>..<see cref="SpanEnd"/> are the kept input rows it stands
/// for (ordinals among the rows not removed), so that windows can count the input rows they cover. The time stage
/// reuses its samples (a row's worth of objects per input row made the garbage collector the scoring pass's largest
/// cost): one is valid until its cursor moves on.
/// </summary>
internal sealed class GridSample(int channels)
{
    /// <summary>The channel values, this sample's own buffer.</summary>
    public float[] Channels { get; } = new float[channels];

    /// <summary>The label and group values, shared with the input rows while they do not change.</summary>
    public object[] Others { get; private set; } = [];

    public double Time { get; private set; }

    public long SpanStart { get; private set; }

    /// <summary>Grows to the end of its segment's kept rows: the last sample stands for the segment's tail.</summary>
    public long SpanEnd { get; set; }

    public long FirstIndex { get; private set; }

    /// <summary>Grows with <see cref="SpanEnd"/> to the segment's last input row.</summary>
    public long LastIndex { get; set; }

    public long Segment { get; private set; }

    /// <summary>Sets everything but the channel values.</summary>
    public GridSample Set(object[] others, double time, long spanStart, long spanEnd, long firstIndex, long lastIndex, long segment)
    {
        (Others, Time, SpanStart, SpanEnd, FirstIndex, LastIndex, Segment) = (others, time, spanStart, spanEnd, firstIndex, lastIndex, segment);
        return this;
    }
}
