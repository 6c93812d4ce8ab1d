namespace TinierHAR.Cluster.Jobs;

/// <summary>
/// A scoring job: the model bundle, the input files (the unit of work: windows never cross a file), the output folder,
/// and the scoring options as JSON (<see cref="MLNet.Scoring.LogCsvScoringOptions"/>, exactly as a local score takes
/// them). Every path is on storage that every silo sees.
/// </summary>
[GenerateSerializer, Immutable, Alias("tinierhar.scoring-job-spec")]
public sealed class ScoringJobSpec
{
    /// <summary>The job's name; the same spec submitted again names the same job.</summary>
    [Id(0)] public required string JobId { get; init; }

    /// <summary>The model bundle (.zip).</summary>
    [Id(1)] public required string ModelPath { get; init; }

    /// <summary>The CSV logs, one file each, with distinct file names.</summary>
    [Id(2)] public required string[] Inputs { get; init; }

    /// <summary>The folder of the outputs: per input, <c>NAME.predictions.csv</c> and <c>NAME.segments.csv</c>.</summary>
    [Id(3)] public required string OutputFolder { get; init; }

    /// <summary>The scoring options, serialised <see cref="MLNet.Scoring.LogCsvScoringOptions"/>.</summary>
    [Id(4)] public required string OptionsJson { get; init; }
}
