using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Inspection;

/// <summary>Which columns of a sensor log to look at, for <see cref="SensorLogInspector"/>.</summary>
public sealed class SensorLogInspectionOptions
{
    /// <summary>Channel columns (float or double): their non-finite values are counted.</summary>
    public IReadOnlyList<string> ChannelColumnNames { get; set; } = [];

    /// <summary>Timestamp column (a number), or null.</summary>
    public string? TimestampColumnName { get; set; }

    /// <summary>What the timestamps count; <see cref="TimestampUnit.Auto"/> decides per recording, as windowing does.
    /// Logs read by <see cref="Microsoft.ML.HarCatalog.LoadSensorCsv"/> give seconds.</summary>
    public TimestampUnit TimestampUnit { get; set; } = TimestampUnit.Auto;

    /// <summary>Label column (text, number or key), or null.</summary>
    public string? LabelColumnName { get; set; }

    /// <summary>Columns whose change starts a new recording (subject, session, source file).</summary>
    public IReadOnlyList<string> GroupColumnNames { get; set; } = [];

    /// <summary>An interval longer than this many median intervals of its recording counts as a gap (default 5, as windowing's).</summary>
    public double GapIntervals { get; set; } = 5;
}
