namespace TinierHAR.MLNet.Data;

/// <summary>What happens to a CSV row that cannot be read (a value that is not a number, a missing field).</summary>
public enum MalformedRowPolicy
{
    /// <summary>Stop with an error naming the file, line and column (default).</summary>
    Error,
    /// <summary>Skip the row and count it in <see cref="CsvReadReport"/>.</summary>
    Skip,
}
