using Microsoft.ML;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// The stage that reads time: each recording's timestamps (or, without them, positions at the input rate) in seconds,
/// with repeats and out-of-order samples handled by policy and real gaps splitting the recording into segments; then,
/// when resampling, every segment put on a uniform grid at the windows' rate. Its schema is the columns windowing reads;
/// <see cref="UniformGridCursor"/> adds what windowing needs to account for every input row.
/// </summary>
internal sealed class UniformGridSampleView : SampleStageView
{
    public UniformGridSampleView(IDataView samples, WindowingPlan plan, SensorWindowingOptions options) : base(samples, plan)
    {
        Options = options;
    }

    public SensorWindowingOptions Options { get; }

    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new UniformGridCursor(this);
}
