namespace TinierHAR.Datasets;

/// <summary>A dataset's raw label → internal id table; raw labels not in it become <see cref="Recording.Unmapped"/>.</summary>
internal sealed class LabelMap<TRaw> where TRaw : notnull
{
    private readonly Dictionary<TRaw, int> ids;

    /// <summary>Maps each raw label to the index of its name in <paramref name="labelNames"/>.</summary>
    public LabelMap(IReadOnlyList<string> labelNames, IEnumerable<(TRaw Raw, string Name)> table, IEqualityComparer<TRaw>? comparer = null)
    {
        ids = new Dictionary<TRaw, int>(comparer);
        foreach (var (raw, name) in table)
        {
            var id = labelNames.IndexOf(name);
            ids.Add(raw, id >= 0 ? id : throw new ArgumentException($"Label '{name}' is not one of the dataset's labels.", nameof(table)));
        }
    }

    /// <summary>The internal id of <paramref name="raw"/>, or <see cref="Recording.Unmapped"/>.</summary>
    public int this[TRaw raw] => ids.TryGetValue(raw, out var id) ? id : Recording.Unmapped;
}
