using Microsoft.ML;
using TinierHAR.Datasets;

namespace TinierHAR.Experiments.Tests.Datasets;

/// <summary>One sample row of a dataset view, read back for assertions.</summary>
public sealed record SampleRow(string Subject, string Session, string? Label, float[] Channels)
{
    /// <summary>Every row of <paramref name="view"/>: label by key value (null for key 0).</summary>
    public static IReadOnlyList<SampleRow> ReadAll(DatasetSamplesDataView view)
    {
        var rows = new List<SampleRow>();
        var channels = view.Dataset.ChannelNames.Select(n => view.Schema[n]).ToArray();
        var labelNames = view.Dataset.LabelNames;
        using var cursor = view.GetRowCursor(view.Schema);
        var subject = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema[DatasetSamplesDataView.SubjectColumnName]);
        var session = cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema[DatasetSamplesDataView.SessionColumnName]);
        var label = cursor.GetGetter<uint>(view.Schema[DatasetSamplesDataView.LabelColumnName]);
        var getters = channels.Select(c => cursor.GetGetter<float>(c)).ToArray();
        ReadOnlyMemory<char> s = default, e = default;
        uint key = 0;
        while (cursor.MoveNext())
        {
            subject(ref s);
            session(ref e);
            label(ref key);
            var values = new float[getters.Length];
            for (var i = 0; i < getters.Length; i++)
                getters[i](ref values[i]);
            rows.Add(new SampleRow(s.ToString(), e.ToString(), key == 0 ? null : labelNames[(int)key - 1], values));
        }
        return rows;
    }

    /// <summary>Loads <paramref name="dataset"/> from <paramref name="root"/> and reads every row.</summary>
    public static (IReadOnlyList<SampleRow> Rows, DatasetReadReport Report) Load(HarDataset dataset, string root, DatasetLoadOptions? options = null)
    {
        var view = new MLContext(1).Data.LoadHarDataset(dataset, root, options);
        var rows = ReadAll(view);
        return (rows, view.LastReport!);
    }
}
