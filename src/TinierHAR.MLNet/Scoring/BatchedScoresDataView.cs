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
        builder.AddColumns(OutputColumns(options, scorer.Metadata.ClassNames));
        return builder.ToSchema();
    }

    /// <summary>Score (slot names = classes) and PredictedLabel (a key whose values are the classes).</summary>
    public static DataViewSchema OutputColumns(BatchedHarScoringOptions options, IReadOnlyList<string> classNames)
    {
        var names = classNames.Select(n => n.AsMemory()).ToArray();
        var namesType = new VectorDataViewType(TextDataViewType.Instance, names.Length);
        void Names(ref VBuffer<ReadOnlyMemory<char>> value) => value = new VBuffer<ReadOnlyMemory<char>>(names.Length, (ReadOnlyMemory<char>[])names.Clone());
        var slots = new DataViewSchema.Annotations.Builder();
        slots.Add("SlotNames", namesType, (ValueGetter<VBuffer<ReadOnlyMemory<char>>>)Names);
        var keys = new DataViewSchema.Annotations.Builder();
        keys.Add("KeyValues", namesType, (ValueGetter<VBuffer<ReadOnlyMemory<char>>>)Names);
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(options.ScoreColumnName, new VectorDataViewType(NumberDataViewType.Single, names.Length), slots.ToAnnotations());
        builder.AddColumn(options.PredictedLabelColumnName, new KeyDataViewType(typeof(uint), names.Length), keys.ToAnnotations());
        return builder.ToSchema();
    }

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly BatchedScoresDataView parent;
        private readonly HashSet<int> active;
        private readonly DataViewRowCursor source;
        private readonly ValueGetter<VBuffer<float>> features;
        private readonly RowBuffer rows;
        private readonly int capacity;
        private readonly int classes;
        private readonly float[] windows;
        private VBuffer<float> window;
        private float[] scores = [];
        private int count;
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
            features = source.GetGetter<VBuffer<float>>(featureColumn);
            capacity = parent.scorer.PreferredWindowsPerCall;
            classes = parent.scorer.Metadata.Classes;
            windows = new float[capacity * parent.scorer.WindowSize];
            rows = new RowBuffer(source, passThrough, capacity);
        }

        public override DataViewSchema Schema => parent.Schema;
        public override long Position => position;
        public override long Batch => 0;
        private int ScoreIndex => Schema.Count - 2;

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override bool MoveNext()
        {
            if (++slot >= count && !ReadBatch()) return false;
            position++;
            return true;
        }

        private bool ReadBatch()
        {
            var size = parent.scorer.WindowSize;
            count = 0;
            slot = 0;
            while (count < capacity && source.MoveNext())
            {
                features(ref window);
                if (window.Length != size)
                    throw new InvalidDataException($"Row {source.Position} of column '{parent.options.FeatureColumnName}' has {window.Length} values; the model takes {size}.");
                if (window.IsDense) window.GetValues().CopyTo(windows.AsSpan(count * size));
                else window.DenseValues().ToArray().CopyTo(windows, count * size);
                rows.Capture(count++);
            }
            if (count == 0) return false;
            scores = parent.scorer.Score(windows.AsMemory(0, count * size));
            return true;
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
                    scores.AsSpan(slot * classes, classes).CopyTo(editor.Values);
                    value = editor.Commit();
                };
                return (ValueGetter<TValue>)(Delegate)score;
            }
            if (column.Index == ScoreIndex + 1)
            {
                ValueGetter<uint> predicted = (ref uint value) => value = (uint)ScoreArgMaxMapping.ArgMax(scores.AsSpan(slot * classes, classes)) + 1;
                return (ValueGetter<TValue>)(Delegate)predicted;
            }
            return rows.Getter<TValue>(parent.input.Schema[column.Name].Index, () => slot);
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => rows.IdGetter(() => slot);

        protected override void Dispose(bool disposing)
        {
            if (disposing) source.Dispose();
            base.Dispose(disposing);
        }
    }
}
