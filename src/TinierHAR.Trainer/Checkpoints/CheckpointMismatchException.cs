namespace TinierHAR.Trainer.Checkpoints;

/// <summary>
/// A checkpoint does not fit a network: it lists every missing, unexpected and mis-shaped tensor at once.
/// </summary>
public sealed class CheckpointMismatchException : Exception
{
    /// <summary>Creates the exception from the three lists.</summary>
    public CheckpointMismatchException(string source, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> misshaped)
        : base(Describe(source, missing, unexpected, misshaped))
    {
        Missing = missing;
        Unexpected = unexpected;
        Misshaped = misshaped;
    }

    /// <summary>Tensors the network has and the checkpoint lacks.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Tensors the checkpoint has and the network lacks.</summary>
    public IReadOnlyList<string> Unexpected { get; }

    /// <summary>Tensors present in both with different shapes ("name: checkpoint [..] vs network [..]").</summary>
    public IReadOnlyList<string> Misshaped { get; }

    private static string Describe(string source, IReadOnlyList<string> missing, IReadOnlyList<string> unexpected, IReadOnlyList<string> misshaped)
    {
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"missing {missing.Count}: {string.Join(", ", missing)}");
        if (unexpected.Count > 0) parts.Add($"unexpected {unexpected.Count}: {string.Join(", ", unexpected)}");
        if (misshaped.Count > 0) parts.Add($"mis-shaped {misshaped.Count}: {string.Join("; ", misshaped)}");
        return $"Checkpoint '{source}' does not match the network ({string.Join(" | ", parts)}).";
    }
}
