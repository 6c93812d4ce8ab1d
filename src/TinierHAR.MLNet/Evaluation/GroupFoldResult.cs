using Microsoft.ML;

namespace TinierHAR.MLNet.Evaluation;

/// <summary>One fold of <see cref="GroupFoldValidation"/>: the groups tested, the model trained without them, its metrics.</summary>
/// <param name="Fold">0-based fold number.</param>
/// <param name="TestGroups">The groups (e.g. subjects) held out.</param>
/// <param name="Model">The model fitted on the other groups.</param>
/// <param name="Metrics">Metrics on the held-out groups.</param>
public sealed record GroupFoldResult(int Fold, IReadOnlyList<string> TestGroups, ITransformer Model, HarMetrics Metrics);
