using Microsoft.ML;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// A streaming stage in front of the windowing (interpolation, resampling): its schema is the columns windowing
/// reads, and each cursor reads the samples once.
/// </summary>
internal abstract class SampleStageView : IDataView
{
    protected SampleStageView(IDataView samples, WindowingPlan plan)
    {
        Samples = samples;
        Plan = plan;
        var builder = new DataViewSchema.Builder();
        foreach (var column in plan.InputColumns)
            builder.AddColumn(column.Name, column.Type, column.Annotations);
        Schema = builder.ToSchema();
    }

    public IDataView Samples { get; }
    public WindowingPlan Plan { get; }
    public DataViewSchema Schema { get; }
    public bool CanShuffle => false;
    public virtual long? GetRowCount() => null;
    public abstract DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];
}
