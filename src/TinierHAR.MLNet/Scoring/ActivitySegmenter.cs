namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// Turns a stream of window predictions into activity segments, in constant memory: optional majority smoothing over
/// <c>k</c> centred windows (ties keep the window's own class, else the first seen), then runs of equal activity. A
/// boundary lies midway between the centres of the two windows that differ; a segment starts at its first window's
/// start at the beginning of a run and ends at its last window's end there, so the segments of a run tile it in time
/// order without overlapping. A run (the windowing's <c>RunIndex</c>) ends only at a gap, a group change or a dropped window.
/// </summary>
public sealed class ActivitySegmenter
{
    private readonly int smoothing;
    private readonly Queue<WindowActivity> pending = new();
    private readonly List<WindowActivity> context = [];
    private WindowActivity? previous;
    private Open? open;

    /// <summary>Segments windows smoothed over <paramref name="smoothing"/> windows (1: none).</summary>
    public ActivitySegmenter(int smoothing)
    {
        ValidateSmoothing(smoothing, nameof(smoothing));
        this.smoothing = smoothing;
    }

    /// <summary>Checks the smoothing width (odd, at least 1), naming the option.</summary>
    public static void ValidateSmoothing(int smoothing, string optionName)
    {
        OptionRules.Require(smoothing >= 1 && smoothing % 2 == 1, optionName, $"the smoothing window must be an odd number of windows, at least 1 (got {smoothing}).");
    }

    /// <summary>Adds the next window; returns the segments it completes.</summary>
    public IReadOnlyList<ActivitySegment> Add(WindowActivity window)
    {
        var finished = new List<ActivitySegment>();
        if (previous is not null && (previous.Sequence != window.Sequence || previous.Run != window.Run))
            Flush(finished);
        previous = window;
        context.Add(window);
        pending.Enqueue(window);
        // The centre window is decided once k/2 windows after it are known.
        if (pending.Count > smoothing / 2)
            Emit(pending.Dequeue(), finished);
        return finished;
    }

    /// <summary>Ends the stream; returns the last segments.</summary>
    public IReadOnlyList<ActivitySegment> Complete()
    {
        var finished = new List<ActivitySegment>();
        Flush(finished);
        return finished;
    }

    private void Flush(List<ActivitySegment> finished)
    {
        while (pending.Count > 0)
            Emit(pending.Dequeue(), finished);
        if (open is not null)
            finished.Add(open.Close(open.LastEnd));
        open = null;
        context.Clear();
        previous = null;
    }

    private void Emit(WindowActivity window, List<ActivitySegment> finished)
    {
        var centre = context.IndexOf(window);
        var half = smoothing / 2;
        var votes = context.Skip(Math.Max(0, centre - half)).Take(centre - Math.Max(0, centre - half) + 1 + half).GroupBy(w => w.Activity)
            .Select(g => (Activity: g.Key, Count: g.Count())).ToList();
        var top = votes.Max(v => v.Count);
        var activity = votes.Any(v => v.Activity == window.Activity && v.Count == top) ? window.Activity : votes.First(v => v.Count == top).Activity;
        // Older windows than the smoothing reach are no longer needed.
        if (centre - half > 0) context.RemoveRange(0, centre - half);

        var middle = (window.Start + window.End) / 2;
        if (open is null)
        {
            open = new Open(window.Sequence, activity, window.Start, middle, window.End);
        }
        else if (open.Activity != activity)
        {
            var boundary = (open.LastCentre + middle) / 2;
            finished.Add(open.Close(boundary));
            open = new Open(window.Sequence, activity, boundary, middle, window.End);
        }
        else
        {
            open.Extend(middle, window.End);
        }
    }

    private sealed class Open(string sequence, string activity, double start, double centre, double end)
    {
        private int windows = 1;
        public string Activity => activity;
        public double LastCentre { get; private set; } = centre;
        public double LastEnd { get; private set; } = end;

        public void Extend(double centre, double end)
        {
            (LastCentre, LastEnd) = (centre, end);
            windows++;
        }

        public ActivitySegment Close(double at) => new(sequence, activity, start, at, windows);
    }
}
