namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// The label of a window from its samples' label ids, by <see cref="WindowLabelPolicy"/>; majority ties go to the
/// label first in the given order (key value, number, or ordinal text order). Missing labels (key 0, NaN) do not vote
/// unless every sample's label is missing, as pandas' mode skips NaN.
/// </summary>
internal static class WindowLabelVote
{
    public static int Choose(ReadOnlySpan<int> ranks, WindowLabelPolicy policy, IComparer<int> order, IReadOnlyList<bool> missing)
    {
        switch (policy)
        {
            case WindowLabelPolicy.Last:
                return ranks[^1];
            case WindowLabelPolicy.Centre:
                return ranks[ranks.Length / 2];
            default:
                var counts = new Dictionary<int, int>();
                foreach (var rank in ranks)
                {
                    if (!missing[rank])
                        counts[rank] = counts.GetValueOrDefault(rank) + 1;
                }
                if (counts.Count == 0)
                    return ranks[0];
                var best = counts.Max(p => p.Value);
                return counts.Where(p => p.Value == best).Select(p => p.Key).Order(order).First();
        }
    }
}
