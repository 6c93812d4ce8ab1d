using TinierHAR.MLNet.Data;

namespace TinierHAR.Datasets;

/// <summary>Options of loading a benchmark dataset from its original files.</summary>
public sealed class DatasetLoadOptions
{
    /// <summary>Only these subjects' rows are delivered (all when null); the others' files are still read where a
    /// dataset's quirk depends on them (PAMAP2's decimation).</summary>
    public IReadOnlyCollection<int>? Subjects { get; set; }

    /// <summary>What happens to a line that cannot be read: an error naming file, line and column (default), or a skip counted in the report.</summary>
    public MalformedRowPolicy MalformedRows { get; set; } = MalformedRowPolicy.Error;
}
