using Microsoft.ML;
using TinierHAR.MLNet.Data;

namespace TinierHAR.Datasets;

/// <summary>Walks the recordings of a <see cref="DatasetSamplesDataView"/> row by row.</summary>
internal sealed class DatasetSampleCursor : StreamingCursor
{
    private readonly IEnumerator<Recording> recordings;
    private readonly Delegate[] getters;
    private readonly int channels;
    private Recording? current;
    private ReadOnlyMemory<char> subject;
    private int row = -1;

    public DatasetSampleCursor(DatasetSamplesDataView view) : base(view.Schema)
    {
        recordings = view.Read(new DatasetReadTally(view.Options)).GetEnumerator();
        channels = view.Dataset.ChannelNames.Count;
        getters = new Delegate[view.Schema.Count];
        getters[0] = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = subject);
        getters[1] = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = current!.Session.AsMemory());
        getters[2] = (ValueGetter<uint>)((ref uint v) => v = current!.Labels[row] is var id and >= 0 ? (uint)id + 1 : 0);
        for (var c = 0; c < channels; c++)
        {
            var channel = c;
            getters[3 + c] = (ValueGetter<float>)((ref float v) => v = current!.Values[(long)row * channels + channel]);
        }
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        getters[column.Index] as ValueGetter<TValue> ?? throw new InvalidOperationException($"Column '{column.Name}' is not {typeof(TValue).Name}.");

    public override bool MoveNext()
    {
        while (current is null || ++row >= current.Rows)
        {
            if (!recordings.MoveNext())
                return false;
            (current, row) = (recordings.Current, -1);
            subject = current.Subject.ToString(System.Globalization.CultureInfo.InvariantCulture).AsMemory();
        }
        RowPosition++;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) recordings.Dispose();
        base.Dispose(disposing);
    }
}
