namespace TinierHAR.Service.Hosting;

/// <summary>The JSON of <c>POST /v1/score</c>, for the OpenAPI document (the service streams it as it reads the outputs).</summary>
/// <param name="Model">The bundle that scored the log.</param>
/// <param name="Classes">The activities, in the order of each window's probabilities.</param>
/// <param name="Rows">Every row accounted for: read = in windows + not covered + removed.</param>
/// <param name="Windows">One per window scored, as <c>score</c> writes them.</param>
/// <param name="Segments">The activity segments, as <c>score --segments</c> writes them.</param>
public sealed record ScoreResponse(ScoredBy Model, IReadOnlyList<string> Classes, RowAccounting Rows, IReadOnlyList<ScoredWindow> Windows, IReadOnlyList<ScoredSegment> Segments);
