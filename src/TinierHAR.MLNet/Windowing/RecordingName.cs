namespace TinierHAR.MLNet.Windowing;

/// <summary>A recording's name in reports and errors: its group values joined by '/', each once.</summary>
internal static class RecordingName
{
    /// <summary>Names the recording of <paramref name="groupValues"/>; a session that defaults to the file would otherwise
    /// name it twice (<c>log.csv/subject01/log.csv</c>).</summary>
    public static string Of(IEnumerable<string?> groupValues) => string.Join("/", groupValues.Distinct(StringComparer.Ordinal));
}
