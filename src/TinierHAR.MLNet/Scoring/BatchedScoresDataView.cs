using System.Collections.Concurrent;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Scoring;

/// <summary>The rows of an IDataView of windows with <c>Score</c> and <c>PredictedLabel</c> added in batches.</summary>
internal sealed class BatchedScoresDataView : IDataView
{
    private readonly IDataView input;
    private readonly BatchedHarScorer scorer;
    private readonly BatchedHarScoringOptions options;

    public BatchedScoresDataView(IDataView input, BatchedHarScorer scorer, BatchedHarScoringOptions options)
    {
        this.input = input;
        this.scorer = scorer;
        this.options = options;
        Schema = CreateSchema(input.Schema, options, scorer);
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => input.GetRowCount();

    /// <summary>The input columns (shadowed ones dropped) followed by Score and PredictedLabel.</summary>
    public static DataViewSchema CreateSchema(DataViewSchema input, BatchedHarScoringOptions options, BatchedHarScorer scorer)
    {
        var features = input.GetColumnOrNull(options.FeatureColumnName)
            ?? throw new ArgumentException($"The input has no column '{options.FeatureColumnName}' of windows; found: {string.Join(", ", input.Select(c => c.Name))}.", nameof(input));
        if (features.Type is not VectorDataViewType { ItemType: NumberDataViewType { RawType: var raw } } vector || raw != typeof(float) || vector.Size != scorer.WindowSize)
        {
            throw new ArgumentException($"Column '{options.FeatureColumnName}' is {features.Type}; the model takes float windows of "
                + $"{scorer.Metadata.WindowLength} x {scorer.Metadata.Channels} = {scorer.WindowSize} values.", nameof(input));
        }
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(input.Where(c => !c.IsHidden && c.Name != options.ScoreColumnName && c.Name != options.PredictedLabelColumnName));
        builder.AddColumns(OutputColumns(options.ScoreColumnName, options.PredictedLabelColumnName, scorer.Metadata.ClassNames));
        return builder.ToSchema();
    }

    /// <summary>Score (slot names = classes) and PredictedLabel (a key whose values are the classes), as every
    /// scoring path of the library adds them.</summary>
    public static DataViewSchema OutputColumns(string scoreColumn, string predictedLabelColumn, IReadOnlyList<string> classNames)
    {
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(scoreColumn, new VectorDataViewType(NumberDataViewType.Single, classNames.Count), NameAnnotations.SlotNames(classNames));
        builder.AddColumn(predictedLabelColumn, new KeyDataViewType(typeof(uint), classNames.Count), NameAnnotations.KeyValues(classNames));
        return builder.ToSchema();
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];

    /// <summary>
    /// Rows in three overlapping stages: a reader thread pulls windows from the input into batches, each full batch is
    /// scored on the thread pool while the reader fills the next, and the caller consumes scored batches in order. At
    /// most <see cref="InFlight"/> batches exist at once, so memory stays flat for any input length.
    /// </summary>
    private sealed class Cursor : DataViewRowCursor
    {
        private const int InFlight = 3;

        private readonly BatchedScoresDataView parent;
        private readonly HashSet<int> active;
        private readonly DataViewRowCursor source;
        private readonly int classes;
        private readonly BlockingCollection<Task<WindowBatch>> scored = new(InFlight);
        private readonly BlockingCollection<WindowBatch> free = new();
        private readonly CancellationTokenSource stop = new();
        private readonly Task reader;
        private readonly List<Task> scoring = []; // the reader's batches still being scored, awaited on Dispose
        private WindowBatch? current;
        private int slot = -1;
        private long position = -1;

        public Cursor(BatchedScoresDataView parent, HashSet<int> active)
        {
            this.parent = parent;
            this.active = active;
            var schema = parent.Schema;
            var passThrough = schema.Take(schema.Count - 2).Where(c => active.Contains(c.Index)).Select(c => parent.input.Schema[c.Name]).ToList();
            var featureColumn = parent.input.Schema[parent.options.FeatureColumnName];
            source = parent.input.GetRowCursor(passThrough.Append(featureColumn).DistinctBy(c => c.Index));
            classes = parent.scorer.Metadata.Classes;
            var features = source.GetGetter<VBuffer<float>>(featureColumn);
            var capacity = parent.scorer.PreferredWindowsPerCall;
            // One batch more than can be in flight: the one the caller is reading.
            for (var i = 0; i <= InFlight; i++)
                free.Add(new WindowBatch(new RowBuffer(source, passThrough, capacity), new float[capacity * parent.scorer.WindowSize]));
            reader = Task.Factory.StartNew(() => Read(features), TaskCreationOptions.LongRunning);
        }

        public override DataViewSchema Schema => parent.Schema;
        public override long Position => position;
        public override long Batch => 0;
        private int ScoreIndex => Schema.Count - 2;

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (current is not null && ++slot < current.Count)
            {
                position++;
                return true;
            }
            if (current is not null)
                free.Add(current);
            current = null;
            if (!scored.TryTake(out var next, Timeout.Infinite))
                return false;
            // Errors of the reader or the scorer surface here, on the caller's thread, unwrapped.
            current = next.GetAwaiter().GetResult();
            slot = 0;
            position++;
            return true;
        }

        private void Read(ValueGetter<VBuffer<float>> features)
        {
            var size = parent.scorer.WindowSize;
            VBuffer<float> window = default;
            try
            {
                while (true)
                {
                    var batch = free.Take(stop.Token);
                    batch.Count = 0;
                    while (batch.Count < batch.Capacity && source.MoveNext())
                    {
                        features(ref window);
                        if (window.Length != size)
                            throw new InvalidDataException($"Row {source.Position} of column '{parent.options.FeatureColumnName}' has {window.Length} values; the model takes {size}.");
                        var target = batch.Windows.AsSpan(batch.Count * size, size);
                        if (window.IsDense) window.GetValues().CopyTo(target);
                        else window.DenseValues().ToArray().CopyTo(target);
                        batch.Rows.Capture(batch.Count++);
                    }
                    if (batch.Count == 0)
                        break;
                    var scoringBatch = Task.Run(() =>
                    {
                        batch.Scores = parent.scorer.Score(batch.Windows.AsMemory(0, batch.Count * size));
                        return batch;
                    });
                    scoring.RemoveAll(t => t.IsCompleted);
                    scoring.Add(scoringBatch);
                    scored.Add(scoringBatch, stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                scored.Add(Task.FromException<WindowBatch>(e));
            }
            finally
            {
                scored.CompleteAdding();
            }
        }

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!IsColumnActive(column))
                throw new InvalidOperationException($"Column '{column.Name}' is not active in this cursor.");
            if (column.Index == ScoreIndex)
            {
                ValueGetter<VBuffer<float>> score = (ref VBuffer<float> value) =>
                {
                    var editor = VBufferEditor.Create(ref value, classes);
                    current!.Scores.AsSpan(slot * classes, classes).CopyTo(editor.Values);
                    value = editor.Commit();
                };
                return (ValueGetter<TValue>)(Delegate)score;
            }
            if (column.Index == ScoreIndex + 1)
            {
                ValueGetter<uint> predicted = (ref uint value) => value = (uint)ScoreArgMaxMapping.ArgMax(current!.Scores.AsSpan(slot * classes, classes)) + 1;
                return (ValueGetter<TValue>)(Delegate)predicted;
            }
            var index = parent.input.Schema[column.Name].Index;
            return (ref TValue value) => current!.Rows.Read(index, slot, ref value);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = current!.Rows.Id(slot);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                stop.Cancel();
                // Drain, so that a reader blocked on a full queue ends, then wait for it before closing its source; and
                // wait for the batches still being scored, so that no call outlives the cursor (the scorer may be next).
                while (!reader.IsCompleted)
                    scored.TryTake(out _, 10);
                foreach (var batch in scoring)
                {
                    try
                    {
                        batch.Wait();
                    }
                    catch (AggregateException)
                    {
                        // An unread batch's failure has no caller left to tell.
                    }
                }
                source.Dispose();
                stop.Dispose();
                scored.Dispose();
                free.Dispose();
            }
            base.Dispose(disposing);
        }

        private sealed class WindowBatch(RowBuffer rows, float[] windows)
        {
            public RowBuffer Rows { get; } = rows;
            public float[] Windows { get; } = windows;
            public int Capacity => Rows.Capacity;
            public int Count { get; set; }
            public float[] Scores { get; set; } = [];
        }
    }
}
