namespace TinierHAR.Datasets;

/// <summary>
/// The authors' missing-value fill (PAMAP2, Opportunity, MHEALTH, Shoaib), per file and column: interior NaN runs by a
/// straight line between their neighbours, rows treated as evenly spaced; leading and trailing runs take the nearest
/// valid value. A column without any valid value stays NaN.
/// </summary>
internal static class GapFilling
{
    /// <summary>Fills the NaNs of every column of a row-major table in place; returns how many values were filled.</summary>
    public static long Fill(float[] values, int rows, int columns)
    {
        long filled = 0;
        for (var c = 0; c < columns; c++)
        {
            var previous = -1;
            for (var r = 0; r <= rows; r++)
            {
                if (r < rows && float.IsNaN(values[(long)r * columns + c])) continue;
                var gap = r - previous - 1;
                if (gap > 0 && (previous >= 0 || r < rows))
                {
                    var before = previous >= 0 ? values[(long)previous * columns + c] : values[(long)r * columns + c];
                    var after = r < rows ? values[(long)r * columns + c] : before;
                    for (var g = previous + 1; g < r; g++)
                    {
                        values[(long)g * columns + c] = previous < 0 || r >= rows ? (previous < 0 ? after : before)
                            : before + (after - before) * (g - previous) / (r - previous);
                        filled++;
                    }
                }
                previous = r;
            }
        }
        return filled;
    }
}
