using TinierHAR.MLNet.Checkpoints;

namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// Hands out the tensors of a state dict by name and shape, and at the end makes sure every learned tensor was used:
/// a mismatch between checkpoint and graph is an error, never a silently ignored weight.
/// </summary>
internal sealed class StateDictReader
{
    private readonly IReadOnlyDictionary<string, WeightTensor> tensors;
    private readonly HashSet<string> used = new(StringComparer.Ordinal);
    private readonly string owner;
    private readonly string user;

    /// <param name="tensors">The tensors by name.</param>
    /// <param name="owner">What holds them, as errors name it.</param>
    /// <param name="user">What reads them, as errors name it.</param>
    public StateDictReader(IReadOnlyDictionary<string, WeightTensor> tensors, string owner = "The state dict", string user = "the graph")
    {
        this.tensors = tensors;
        this.owner = owner;
        this.user = user;
    }

    /// <summary>The tensor <paramref name="name"/>, which must have <paramref name="shape"/>.</summary>
    public WeightTensor Take(string name, params long[] shape)
    {
        if (!tensors.TryGetValue(name, out var tensor))
            throw new InvalidDataException($"{owner} has no tensor '{name}', which {user} needs.");
        if (!tensor.Shape.SequenceEqual(shape))
            throw new InvalidDataException($"Tensor '{name}' has shape {tensor.ShapeText}; {user} needs [{string.Join(", ", shape)}].");
        used.Add(name);
        return tensor;
    }

    /// <summary>Throws when a tensor other than BatchNorm's batch counters was not used.</summary>
    public void EnsureAllUsed()
    {
        var unused = tensors.Keys.Where(k => !used.Contains(k) && !k.EndsWith(".num_batches_tracked", StringComparison.Ordinal)).ToList();
        if (unused.Count > 0)
            throw new InvalidDataException($"{owner} has tensors {user} does not use: {string.Join(", ", unused)}.");
    }
}
