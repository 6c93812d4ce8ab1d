using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;

namespace TinierHAR.Datasets;

/// <summary>
/// A benchmark dataset read from its original files as sample rows: <c>Subject</c> and <c>Session</c> (text; a session is
/// the authors' segment, so windows never span two), <c>Label</c> (a key over <see cref="HarDataset.LabelNames"/>, dropped
/// labels included so that the window vote sees them; key 0 where the raw label is not in the map) and one float
/// column per channel. One recording is held in memory at a time.
/// </summary>
public sealed class DatasetSamplesDataView : StreamingDataView<DatasetReadReport>
{
    /// <summary>Subject column name.</summary>
    public const string SubjectColumnName = "Subject";

    /// <summary>Session (segment) column name.</summary>
    public const string SessionColumnName = "Session";

    /// <summary>Label column name.</summary>
    public const string LabelColumnName = "Label";

    internal DatasetSamplesDataView(HarDataset dataset, string root, DatasetLoadOptions options)
    {
        Dataset = dataset;
        Root = root;
        Options = options;
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(SubjectColumnName, TextDataViewType.Instance);
        builder.AddColumn(SessionColumnName, TextDataViewType.Instance);
        builder.AddColumn(LabelColumnName, new KeyDataViewType(typeof(uint), dataset.LabelNames.Count), NameAnnotations.KeyValues(dataset.LabelNames));
        foreach (var channel in dataset.ChannelNames)
            builder.AddColumn(channel, NumberDataViewType.Single);
        Schema = builder.ToSchema();

        // Reading up to the first recording fails early, naming the expected files, when the folder is not this dataset.
        using var first = Read(new DatasetReadTally(options)).GetEnumerator();
        first.MoveNext();
    }

    /// <summary>The dataset read.</summary>
    public HarDataset Dataset { get; }

    /// <summary>Its root folder.</summary>
    public string Root { get; }

    /// <summary>The load options.</summary>
    public DatasetLoadOptions Options { get; }

    /// <inheritdoc />
    public override DataViewSchema Schema { get; }

    /// <summary>The recordings delivered (subject filter applied), read afresh.</summary>
    internal IEnumerable<Recording> Recordings() => Read(new DatasetReadTally(Options));

    internal IEnumerable<Recording> Read(DatasetReadTally tally)
    {
        var folder = new DatasetFolder(Root, Dataset.Name);
        var subjects = Options.Subjects?.ToHashSet();
        foreach (var recording in Dataset.ReadRecordings(folder, tally))
        {
            if (subjects is not null && !subjects.Contains(recording.Subject))
            {
                tally.Remove("other subjects", recording.Rows);
                continue;
            }
            if (recording.Values.Length != (long)recording.Rows * Dataset.ChannelNames.Count)
                throw new InvalidOperationException($"{Dataset.Name} recording {recording.Session}: {recording.Values.Length} values for {recording.Rows} rows of {Dataset.ChannelNames.Count} channels.");
            tally.RowsDelivered += recording.Rows;
            tally.UnmappedLabels += recording.Labels.Count(l => l == Recording.Unmapped);
            yield return recording;
        }
        Publish(tally.ToReport(folder.Missing));
    }

    /// <inheritdoc />
    public override DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new DatasetSampleCursor(this);

}
