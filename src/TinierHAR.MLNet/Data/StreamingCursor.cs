using Microsoft.ML;
using Microsoft.ML.Data;

namespace TinierHAR.MLNet.Data;

/// <summary>
/// What every forward-only cursor of this library has in common: a fixed schema, all columns active, one batch, and
/// row ids from the position.
/// </summary>
internal abstract class StreamingCursor(DataViewSchema schema) : DataViewRowCursor
{
    /// <summary>Index of the current row; −1 before the first.</summary>
    protected long RowPosition { get; set; } = -1;

    public sealed override DataViewSchema Schema { get; } = schema;
    public sealed override long Position => RowPosition;
    public sealed override long Batch => 0;
    public sealed override bool IsColumnActive(DataViewSchema.Column column) => true;
    public sealed override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)RowPosition, 0);
}
