using TinierHAR.MLNet.Scoring;

namespace TinierHAR.MLNet.Tests.Scoring;

[TestClass]
public sealed class ActivitySegmenterTests
{
    /// <summary>Windows of 2 s every 1 s, in one run, with the given one-letter activities.</summary>
    private static List<WindowActivity> Windows(string activities, string sequence = "a", int firstIndex = 0, long run = 0) =>
        activities.Select((a, i) => new WindowActivity(sequence, run, firstIndex + i, firstIndex + i + 2, a.ToString())).ToList();

    private static List<ActivitySegment> Segment(IEnumerable<WindowActivity> windows, int smoothing)
    {
        var segmenter = new ActivitySegmenter(smoothing);
        var segments = windows.SelectMany(segmenter.Add).ToList();
        segments.AddRange(segmenter.Complete());
        return segments;
    }

    [TestMethod]
    public void Runs_become_segments_with_boundaries_midway_between_the_centres_of_the_windows_that_differ()
    {
        // Centres 1, 2, 3, 4, 5; the class changes between the windows centred at 3 and 4 → boundary 3.5.
        var segments = Segment(Windows("wwwss"), smoothing: 1);
        CollectionAssert.AreEqual(new[]
        {
            new ActivitySegment("a", "w", 0, 3.5, 3),
            new ActivitySegment("a", "s", 3.5, 6, 2),
        }, segments);
    }

    [TestMethod]
    public void Majority_smoothing_over_centred_windows_removes_short_flips()
    {
        // k = 3: the lone 'x' is outvoted by its neighbours; at the edges the window sees only what exists.
        Assert.AreEqual(new ActivitySegment("a", "w", 0, 8, 7), Segment(Windows("wwwxwww"), 3).Single());
        // k = 5 on "wwssxss": the third window's votes w,w,s,s,x tie 2-2 between w and s → its own class s is kept.
        CollectionAssert.AreEqual(new[] { "w", "s" }, Segment(Windows("wwssxss"), 5).Select(s => s.Activity).ToArray());
        // The same flip with k = 1 stays.
        Assert.HasCount(3, Segment(Windows("wwwxwww"), 1));
    }

    [TestMethod]
    public void Sequences_and_runs_end_segments_at_the_last_windows_end()
    {
        var windows = Windows("ww", "a").Concat(Windows("ww", "b")).Concat(Windows("ww", "b", firstIndex: 10, run: 1)).ToList();
        var segments = Segment(windows, 3);
        CollectionAssert.AreEqual(new[]
        {
            new ActivitySegment("a", "w", 0, 3, 2),
            new ActivitySegment("b", "w", 0, 3, 2),
            new ActivitySegment("b", "w", 10, 13, 2),
        }, segments);
    }

    [TestMethod]
    public void An_even_or_non_positive_smoothing_is_refused_naming_the_option()
    {
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new ActivitySegmenter(4)).Message, "odd number of windows");
        Assert.AreEqual("smoothing", Assert.ThrowsExactly<ArgumentException>(() => new ActivitySegmenter(0)).ParamName);
    }
}
