using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Data;

/// <summary>
/// What every forward-only cursor of these libraries has in common (the cursors' counterpart of
/// <see cref="StreamingDataView{TReport}"/>): a fixed schema, all columns active, one batch, and row ids from the position.
/// </summary>
/// <param name="schema">The cursor's schema.</param>
public abstract class StreamingCursor(DataViewSchema schema) : DataViewRowCursor
{
    /// <summary>Index of the current row; −1 before the first.</summary>
    protected long RowPosition { get; set; } = -1;

    /// <inheritdoc />
    public sealed override DataViewSchema Schema { get; } = schema;
    /// <inheritdoc />
    public sealed override long Position => RowPosition;
    /// <inheritdoc />
    public sealed override long Batch => 0;
    /// <inheritdoc />
    public sealed override bool IsColumnActive(DataViewSchema.Column column) => true;
    /// <inheritdoc />
    public sealed override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)RowPosition, 0);
}
