using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Onnx;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// Estimator of <see cref="BatchedHarScoringTransformer"/> (nothing to learn: the model is trained already), for
/// <c>Append</c> chains: <c>mlContext.Transforms.ScoreHarWindowsBatched(onnxModel, options)</c>.
/// </summary>
public sealed class BatchedHarScoringEstimator : IEstimator<BatchedHarScoringTransformer>
{
    private readonly byte[] onnxModel;
    private readonly BatchedHarScoringOptions options;
    private readonly ChannelNormalization? normalization;
    private readonly BatchedHarScorer? scorer;

    /// <param name="onnxModel">The model.</param>
    /// <param name="options">Columns, batching and threads.</param>
    /// <param name="normalization">Statistics that take the place of <see cref="BatchedHarScoringOptions.Normalization"/>.</param>
    /// <param name="scorer">A scorer of this model to share (its owner disposes it); null: each fit opens its own.</param>
    internal BatchedHarScoringEstimator(byte[] onnxModel, BatchedHarScoringOptions options, ChannelNormalization? normalization = null, BatchedHarScorer? scorer = null)
    {
        ArgumentNullException.ThrowIfNull(onnxModel);
        options.Validate();
        this.onnxModel = onnxModel;
        this.options = options;
        this.normalization = normalization ?? options.Normalization;
        this.scorer = scorer;
    }

    /// <inheritdoc />
    public BatchedHarScoringTransformer Fit(IDataView input)
    {
        var transformer = new BatchedHarScoringTransformer(scorer ?? new BatchedHarScorer(onnxModel, options, normalization), options);
        transformer.GetOutputSchema(input.Schema);
        return transformer;
    }

    /// <inheritdoc />
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var metadata = HarModelMetadata.Read(onnxModel);
        var features = inputSchema.FirstOrDefault(c => c.Name == options.FeatureColumnName);
        if (features.Name is null || features.ItemType != NumberDataViewType.Single || features.Kind == SchemaShape.Column.VectorKind.Scalar)
            throw new ArgumentException($"The input needs a column '{options.FeatureColumnName}' of float windows.", nameof(inputSchema));
        var added = BatchedScoresDataView.OutputColumns(options.ScoreColumnName, options.PredictedLabelColumnName, metadata.ClassNames);
        return new SchemaShape(inputSchema.Where(c => c.Name != options.ScoreColumnName && c.Name != options.PredictedLabelColumnName).Concat(SchemaShapes.ShapeOf(added)));
    }
}

/// <summary>
/// Scores windows through <see cref="BatchedHarScorer"/>: reads ahead a batch of rows, scores them in one ONNX
/// Runtime call per batch, then hands the rows on one by one with <c>Score</c> and <c>PredictedLabel</c> added; the
/// other columns pass through. Equal to the per-row OnnxTransformer path within 1e-6. Not row-to-row (it reads
/// ahead), so it has no prediction engine and is not saved into ML.NET models: it is the batch path over a model
/// that is saved already (a model bundle, an <c>.onnx</c> file).
/// </summary>
public sealed class BatchedHarScoringTransformer : ITransformer, IDisposable
{
    internal BatchedHarScoringTransformer(BatchedHarScorer scorer, BatchedHarScoringOptions options)
    {
        Scorer = scorer;
        Options = options;
    }

    /// <summary>The scorer (shareable across threads).</summary>
    public BatchedHarScorer Scorer { get; }

    /// <summary>The columns and batching.</summary>
    public BatchedHarScoringOptions Options { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => false;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => BatchedScoresDataView.CreateSchema(inputSchema, Options, Scorer);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) =>
        throw new InvalidOperationException("Batched scoring reads ahead a batch of rows: it has no row-to-row mapper. Use the model bundle's ML.NET model for single predictions.");

    /// <inheritdoc />
    public IDataView Transform(IDataView input) => new BatchedScoresDataView(input, Scorer, Options);

    /// <inheritdoc />
    void ICanSaveModel.Save(ModelSaveContext ctx) => throw new NotSupportedException(
        "Batched scoring is not saved into ML.NET models: save the trained model (HarModelBundle.Save), whose bundle scores in batches when loaded.");

    /// <inheritdoc />
    public void Dispose() => Scorer.Dispose();
}
