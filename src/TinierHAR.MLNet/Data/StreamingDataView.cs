using Microsoft.ML;

namespace TinierHAR.MLNet.Data;

/// <summary>
/// What every forward-only data view of this library has in common (the views' counterpart of
/// <see cref="StreamingCursor"/>): rows come in source order (no shuffling, no row count, one cursor per set), and the
/// cursor that reads to the end publishes a report of what it read.
/// </summary>
/// <typeparam name="TReport">What one full pass reports.</typeparam>
public abstract class StreamingDataView<TReport> : IDataView where TReport : class
{
    private TReport? report;

    /// <inheritdoc />
    public abstract DataViewSchema Schema { get; }

    /// <inheritdoc />
    public bool CanShuffle => false;

    /// <summary>The report of the last cursor that read to the end; null before one has.</summary>
    public TReport? LastReport => Volatile.Read(ref report);

    /// <summary>Makes <paramref name="finished"/> the <see cref="LastReport"/>; a cursor calls it when it has read to the end.</summary>
    protected internal void Publish(TReport finished) => Volatile.Write(ref report, finished);

    /// <inheritdoc />
    public long? GetRowCount() => null;

    /// <inheritdoc />
    public abstract DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null);

    /// <inheritdoc />
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];
}
