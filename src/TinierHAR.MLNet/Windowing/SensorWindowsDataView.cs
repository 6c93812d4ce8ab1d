using Microsoft.ML;
using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Windows of sensor samples, computed while the sample rows stream by: each cursor holds one window of samples,
/// so memory does not grow with the input. Columns: the window (<c>Vector&lt;Single, T, C&gt;</c>, time-major), the
/// label (same type as the samples' label), the group columns, <c>FirstSampleIndex</c>/<c>LastSampleIndex</c>
/// (0-based input rows), <c>RunIndex</c> and, with a timestamp, <c>StartTime</c>/<c>EndTime</c>.
/// </summary>
public sealed class SensorWindowsDataView : StreamingDataView<WindowingReport>
{
    /// <summary>Name of the column with the first sample's input row index.</summary>
    public const string FirstSampleIndexColumnName = "FirstSampleIndex";

    /// <summary>Name of the column with the last sample's input row index.</summary>
    public const string LastSampleIndexColumnName = "LastSampleIndex";

    /// <summary>
    /// Name of the column with the window's run: windows of one run follow each other every step, with no gap, group
    /// change or dropped window between them (the last may be aligned to the segment's end). Activity segments break
    /// where the run changes.
    /// </summary>
    public const string RunIndexColumnName = "RunIndex";

    /// <summary>Name of the column with the first sample's timestamp.</summary>
    public const string StartTimeColumnName = "StartTime";

    /// <summary>Name of the column with the last sample's timestamp.</summary>
    public const string EndTimeColumnName = "EndTime";

    internal SensorWindowsDataView(IDataView samples, SensorWindowingOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        var plan = WindowingPlan.Create(samples.Schema, options);
        if (options.InvalidValues == InvalidValuePolicy.Interpolate)
        {
            Interpolation = new InterpolatingSampleView(samples, plan);
            samples = Interpolation;
            plan = WindowingPlan.Create(samples.Schema, options, scaled: false);
        }
        if (plan.Timestamp is not null || options.InputSamplingRateHz is { } inputRate && inputRate != options.SamplingRateHz)
        {
            samples = new UniformGridSampleView(samples, plan, options);
            plan = WindowingPlan.Create(samples.Schema, options, scaled: false);
        }
        Samples = samples;
        Plan = plan;
        Schema = Plan.OutputSchema;
    }

    /// <summary>The sample rows.</summary>
    public IDataView Samples { get; }

    /// <summary>The options.</summary>
    public SensorWindowingOptions Options { get; }

    internal WindowingPlan Plan { get; }

    /// <summary>The interpolation stage in front of the windowing, when it is asked for.</summary>
    internal InterpolatingSampleView? Interpolation { get; }

    /// <inheritdoc />
    public override DataViewSchema Schema { get; }

    /// <summary>Reads every sample once and returns what windowing did.</summary>
    public WindowingReport CountAll()
    {
        using var cursor = (SensorWindowCursor)GetRowCursor([]);
        while (cursor.MoveNext())
        {
        }
        return cursor.Report;
    }

    /// <inheritdoc />
    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new SensorWindowCursor(this);

}
