namespace TinierHAR.Datasets;

/// <summary>
/// One continuous recording of a dataset (the authors' segment, <c>sub_id</c>): samples row-major (rows × C) and the
/// internal label id of each row (−1 where the raw label is not in the dataset's map).
/// </summary>
/// <param name="Subject">Subject number.</param>
/// <param name="Session">Segment key; windows never span two sessions.</param>
/// <param name="Values">Channel values, row after row.</param>
/// <param name="Labels">Internal label id per row, or <see cref="Unmapped"/>.</param>
internal sealed record Recording(int Subject, string Session, float[] Values, int[] Labels)
{
    /// <summary>Label id of a row whose raw label is not in the dataset's map (ignored by the window vote).</summary>
    public const int Unmapped = -1;

    /// <summary>Number of rows.</summary>
    public int Rows => Labels.Length;
}
