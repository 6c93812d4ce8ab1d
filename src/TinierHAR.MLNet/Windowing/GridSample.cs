namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// One sample out of the time stage. <see cref="SpanStart"/>..<see cref="SpanEnd"/> are the kept input rows it stands
/// for (ordinals among the rows not removed), so that windows can count the input rows they cover.
/// </summary>
internal sealed record GridSample(float[] Channels, object[] Others, double Time, long SpanStart, long SpanEnd, long FirstIndex, long LastIndex, long Segment)
{
    /// <summary>Grows to the end of its segment's kept rows: the last sample stands for the segment's tail.</summary>
    public long SpanEnd { get; set; } = SpanEnd;

    /// <summary>Grows with <see cref="SpanEnd"/> to the segment's last input row.</summary>
    public long LastIndex { get; set; } = LastIndex;
}
