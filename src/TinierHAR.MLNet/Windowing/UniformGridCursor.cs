using System.Globalization;
using Microsoft.ML;
using TinierHAR.MLNet.Data;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Streams the samples through time: reads a recording's first rows ahead to decide its time unit and its gap
/// tolerance (5 intervals by default, of its own median interval or the windows' rate, whichever is longer), merges,
/// drops or refuses repeated and out-of-order timestamps, splits at gaps, and emits each segment on the grid
/// <c>t0 + k / rate</c>: channels interpolated linearly between the samples around each grid point, the other columns
/// (label, groups) taken from the sample at or before it. Without resampling, the kept samples pass as they are.
/// </summary>
internal sealed class UniformGridCursor : StreamingCursor
{
    private const int LookAhead = 33;

    // Grid points this close to a sample (as a fraction of the grid interval) take the sample itself: clocks that tick
    // at the windows' rate then pass unchanged.
    private const double SnapFraction = 1e-3;

    // A recording whose median interval implies a rate this far from the windows' is refused when resampling is off.
    internal const double RateTolerance = 0.1;

    /// <summary>The factors by which a clock that changed unit mid-file is off.</summary>
    private static readonly double[] UnitFactors = [1e3, 1e6, 1e9, 1e-3, 1e-6, 1e-9];

    // Resampling makes at most this many grid samples of one interval: a median interval longer than this many of the
    // windows' intervals is a wrong time unit (nanoseconds read as seconds), not a slow sensor.
    internal const double MaxUpsampling = 100;

    // This many intervals in a row a power of 1000 off the recording's median mean the clock changed unit mid-file.
    internal const int UnitChangeIntervals = 8;

    private readonly UniformGridSampleView view;
    private readonly SensorWindowingOptions options;
    private readonly SampleReader reader;
    private readonly bool timed;
    // The timestamps come from a loader that decided each file's unit and gave seconds: Auto must not guess again.
    private readonly bool decidedByLoader;
    private readonly string timeName;
    private readonly double? rate;
    private readonly bool resample;
    private readonly Queue<GridSample> output = new();
    // Samples and kept rows the cursor is done with, reused instead of allocated per row.
    private readonly Stack<GridSample> spareSamples = new();
    private readonly Stack<Merged> spareMerged = new();
    private readonly GridRun runState = new();
    private readonly List<SampleRow> head = new();
    private readonly Dictionary<string, long> removed = new(StringComparer.Ordinal);
    private readonly List<RecordingTiming> recordings = new();
    private int headPosition;
    private SampleRow? carry;
    private string? group;
    private long positionInGroup;
    private TimestampDecision unit = new(TimestampUnit.Seconds, "given");
    private double secondsPerUnit = 1, gap = double.PositiveInfinity, medianInterval;
    private int unitChangeRun;
    private long unitChangeFrom;
    private IntervalStatistics? statistics;
    private Merged? pending;
    private Grid? grid;
    // The grid points still to place before the next input row is read: produced one at a time, so a jump in time
    // costs no memory, however long.
    private GridRun? run;
    private long segment = -1, kept, rowsRead, sealedRows;
    private bool ended;

    public UniformGridCursor(UniformGridSampleView view) : base(view.Schema)
    {
        this.view = view;
        options = view.Options;
        reader = new SampleReader(view.Samples, view.Plan);
        timed = view.Plan.Timestamp is not null;
        timeName = view.Plan.Timestamp?.Name ?? "";
        decidedByLoader = view.Plan.Timestamp is { } timestamp && SecondsAnnotation.IsOn(timestamp);
        rate = options.SamplingRateHz;
        resample = options.Resample && rate is not null;
    }

    /// <summary>The current sample.</summary>
    public GridSample Current { get; private set; } = null!;

    private GridSample RentSample() => spareSamples.Count > 0 ? spareSamples.Pop() : new GridSample(view.Plan.Channels);

    private Merged Keep(SampleRow row, double time, long spanStart, long spanEnd) =>
        (spareMerged.Count > 0 ? spareMerged.Pop() : new Merged(view.Plan.Channels)).Reset(row, time, spanStart, spanEnd);

    /// <summary>Input rows read so far.</summary>
    public long RowsRead => rowsRead;

    /// <summary>Input rows kept (not removed) so far: the ordinals that <see cref="GridSample.SpanStart"/> counts.</summary>
    public long RowsKept => kept;

    /// <summary>Input rows removed, by reason.</summary>
    public IReadOnlyDictionary<string, long> RowsRemoved => removed;

    /// <summary>The recordings finished so far.</summary>
    public IReadOnlyList<RecordingTiming> Recordings => recordings;

    /// <summary>Whether the samples were put on a grid.</summary>
    public bool Resampled => resample;

    public override bool MoveNext()
    {
        while (true)
        {
            if (output.Count > 1 || sealedRows > 0)
            {
                if (Current is { } previous)
                    spareSamples.Push(previous);
                Current = output.Dequeue();
                sealedRows = Math.Max(0, sealedRows - 1);
                RowPosition++;
                return true;
            }
            if (run is not null)
            {
                Place(run);
                continue;
            }
            if (ended)
                return false;
            if (Next() is { } row)
            {
                Accept(row);
            }
            else
            {
                FinishGroup();
                ended = true;
            }
        }
    }

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        (ValueGetter<TValue>)reader.Getter(column.Name, () => Current.Channels, () => Current.Others, () => Current.Time);

    /// <summary>The next input row; at a group's first row, reads ahead and decides the group's unit and gap.</summary>
    private SampleRow? Next()
    {
        if (headPosition < head.Count)
            return head[headPosition++];
        var row = carry ?? reader.Read();
        carry = null;
        if (row is null || row.Group == group)
            return row;
        if (group is not null)
            FinishGroup();
        StartGroup(row);
        return head[headPosition++];
    }

    private void StartGroup(SampleRow first)
    {
        group = first.Group;
        positionInGroup = 0;
        head.Clear();
        head.Add(first);
        headPosition = 0;
        while (head.Count < LookAhead && reader.Read() is { } row)
        {
            if (row.Group != group)
            {
                carry = row;
                break;
            }
            head.Add(row);
        }
        var raw = timed ? head.Select(r => r.Time).ToList() : null;
        unit = raw is null ? new TimestampDecision(TimestampUnit.Seconds, $"positions at {options.InputSamplingRateHz ?? rate} Hz")
            : options.TimestampUnit == TimestampUnit.Auto && decidedByLoader ? new TimestampDecision(TimestampUnit.Seconds, "seconds from the loader, which decided each file's unit")
            : options.TimestampUnit == TimestampUnit.Auto ? TimestampUnits.Detect(raw, rate)
            : new TimestampDecision(options.TimestampUnit, "given");
        secondsPerUnit = TimestampUnits.SecondsPer(unit.Unit);
        var median = raw is null ? null : TimestampUnits.MedianInterval(raw) * secondsPerUnit;
        medianInterval = median ?? 0;
        unitChangeRun = 0;
        gap = options.GapToleranceSeconds ?? 5 * Math.Max(median ?? 0, rate is { } r ? 1 / r : 0);
        if (gap <= 0)
            gap = double.PositiveInfinity;
        if (!resample && rate is { } windowsRate && median is { } m && Math.Abs(1 / m - windowsRate) > RateTolerance * windowsRate)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{reader.Locate(first.Index)}: recording {Describe(first)} is sampled at about {1 / m:0.##} Hz (median interval of its first {head.Count} samples, timestamps in {TimestampUnitNames.Symbol(unit.Unit)}), not the windows' {windowsRate:0.##} Hz; allow resampling or window it at its own rate."));
        }
        if (resample && median is { } slow && slow * rate!.Value > MaxUpsampling)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{reader.Locate(first.Index)}: recording {Describe(first)} has a median interval of {Seconds(slow)} (its first {head.Count} samples, timestamps in {TimestampUnitNames.Symbol(unit.Unit)}), over {MaxUpsampling} of the windows' intervals at {rate.Value:0.##} Hz; resampling would invent the rest. Check the time unit."));
        }
        statistics = new IntervalStatistics(Describe(first), unit, gap);
    }

    private string Describe(SampleRow row) => view.Plan.Groups.Length == 0
        ? "(no group columns)"
        : RecordingName.Of(view.Plan.Groups.Select(g => Convert.ToString(row.Others[Array.FindIndex(reader.Others, o => o.Name == g.Name)], CultureInfo.InvariantCulture)));

    private void FinishGroup()
    {
        FinishSegment();
        if (statistics is not null)
            recordings.Add(statistics.ToTiming());
        statistics = null;
        group = null;
    }

    /// <summary>Applies the policies to one input row and moves the segment on.</summary>
    private void Accept(SampleRow row)
    {
        rowsRead++;
        var time = timed ? row.Time * secondsPerUnit : positionInGroup / (options.InputSamplingRateHz ?? rate ?? 1);
        positionInGroup++;
        if (!double.IsFinite(time))
            throw Bad(row, $"timestamp {row.Time} is not a finite number");
        for (var c = 0; c < row.Channels.Length; c++)
        {
            if (!float.IsFinite(row.Channels[c]))
            {
                throw new InvalidDataException($"{reader.Locate(row.Index)}, column '{view.Plan.ChannelNames[c]}' (recording {Describe(row)}): the value is missing or {row.Channels[c]}; "
                    + "interpolate missing values (InvalidValuePolicy.Interpolate) or drop such rows first.");
            }
        }
        statistics!.Add(time);
        if (pending is null)
        {
            StartSegment(row, time);
            return;
        }
        var previous = pending.Time;
        CheckUnit(row, Math.Abs(time - previous));
        if (time == previous)
        {
            switch (options.RepeatedTimestamps)
            {
                case RepeatedTimestampPolicy.Error:
                    throw Bad(row, $"timestamp {Seconds(time)} repeats the previous sample's (policy for repeated timestamps: Error; Mean or Drop accept them)");
                case RepeatedTimestampPolicy.Drop:
                    Remove("repeated timestamps");
                    return;
                default:
                    pending.Merge(row, ++kept);
                    return;
            }
        }
        if (time < previous)
        {
            if (options.OutOfOrderTimestamps == OutOfOrderTimestampPolicy.Error)
                throw Bad(row, $"timestamp {Seconds(time)} is earlier than the previous sample's {Seconds(previous)} (policy for out-of-order timestamps: Error; Drop removes such rows)");
            if (previous - time > gap)
            {
                // The clock went back by more than a gap: a new recording under the same group values.
                FinishSegment();
                StartSegment(row, time);
                return;
            }
            Remove("out-of-order timestamps");
            return;
        }
        if (time - previous > gap)
        {
            FinishSegment();
            StartSegment(row, time);
            return;
        }
        Push(pending);
        pending = Keep(row, time, kept, ++kept);
    }

    /// <summary>Refuses a clock that changes unit mid-file (seconds to milliseconds, say): its intervals turn a power of
    /// 1000 off the recording's median, every one of them, where a real gap is one long interval.</summary>
    private void CheckUnit(SampleRow row, double interval)
    {
        if (interval == 0 || medianInterval <= 0 || UnitFactor(interval / medianInterval) is not { } factor)
        {
            unitChangeRun = 0;
            return;
        }
        if (unitChangeRun++ == 0)
            unitChangeFrom = row.Index;
        if (unitChangeRun == UnitChangeIntervals)
        {
            throw Bad(row, string.Create(CultureInfo.InvariantCulture,
                $"the last {UnitChangeIntervals} intervals are each about {factor:0.#########} times the recording's median of {Seconds(medianInterval)}: the clock changes unit from {reader.Locate(unitChangeFrom)} on; write the file in one time unit"));
        }
    }

    private static double? UnitFactor(double ratio)
    {
        // Every row asks: an interval near the median is the common answer, and no factor is within the tolerance of it.
        if (ratio is > 1e-2 and < 1e2)
            return null;
        foreach (var factor in UnitFactors)
        {
            if (Math.Abs(ratio / factor - 1) <= RateTolerance)
                return factor;
        }
        return null;
    }

    private InvalidDataException Bad(SampleRow row, string rule) =>
        new($"{reader.Locate(row.Index)}, column '{timeName}' (recording {Describe(row)}): {rule}.");

    private static string Seconds(double seconds) => SecondsText.Format(seconds) + " s";

    private void Remove(string reason) => removed[reason] = removed.GetValueOrDefault(reason) + 1;

    private void StartSegment(SampleRow row, double time)
    {
        segment++;
        grid = new Grid(time, segment, RentSample);
        pending = Keep(row, time, kept, ++kept);
    }

    /// <summary>Emits the segment's last sample; the last grid sample then stands for the segment's tail rows.</summary>
    private void FinishSegment()
    {
        if (pending is null)
            return;
        Push(pending, sealsAt: kept);
        pending = null;
    }

    /// <summary>Places a final sample: as it is, or (lazily) the grid points up to it interpolated from the previous one.</summary>
    private void Push(Merged sample, long? sealsAt = null)
    {
        if (resample)
        {
            (runState.Grid, runState.Sample, runState.SealsAt) = (grid!, sample, sealsAt);
            run = runState;
            return;
        }
        output.Enqueue(sample.CopyTo(RentSample(), sample.Time, segment));
        spareMerged.Push(sample);
        if (sealsAt is { } end)
            Seal(end, sample.LastIndex);
    }

    /// <summary>Emits the run's next grid point, or ends the run when none is left before its sample.</summary>
    private void Place(GridRun current)
    {
        if (current.Grid.Next(current.Sample, 1 / rate!.Value) is { } point)
        {
            output.Enqueue(point);
            return;
        }
        if (current.Grid.Left is { } left)
            spareMerged.Push(left); // the grid points before it are placed: nothing reads it again
        current.Grid.Left = current.Sample;
        run = null;
        if (current.SealsAt is { } end)
            Seal(end, current.Sample.LastIndex);
    }

    /// <summary>Ends a segment's output: its last sample also stands for the rows after it (up to the segment's last
    /// row), and everything queued may go.</summary>
    private void Seal(long spanEnd, long lastIndex)
    {
        if (output.Count > 0)
            (output.Last().SpanEnd, output.Last().LastIndex) = (spanEnd, lastIndex);
        sealedRows = output.Count;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            reader.Dispose();
        base.Dispose(disposing);
    }

    /// <summary>One segment's grid <c>start + k / rate</c>, and the kept sample before its next point.</summary>
    private sealed class Grid(double start, long segment, Func<GridSample> rent)
    {
        private long index;

        public Merged? Left { get; set; }

        /// <summary>The next grid point at or before <paramref name="right"/>, or null when there is none.</summary>
        public GridSample? Next(Merged right, double interval)
        {
            // Offsets from the segment's start, not absolute times: near a huge timestamp, start + k / rate stops
            // growing with k, and the loop over grid points would never end.
            var offset = index * interval;
            var rightOffset = right.Time - start;
            var snap = SnapFraction * interval;
            if (offset > rightOffset + snap)
                return null;
            index++;
            var time = start + offset;
            if (Left is null || Math.Abs(rightOffset - offset) <= snap)
                return right.CopyTo(rent(), time, segment);
            var fraction = (float)Math.Clamp((time - Left.Time) / (right.Time - Left.Time), 0, 1);
            var sample = rent();
            var channels = sample.Channels;
            for (var i = 0; i < channels.Length; i++)
                channels[i] = Left.Channels[i] + (right.Channels[i] - Left.Channels[i]) * fraction;
            return sample.Set(Left.Others, time, Left.SpanStart, right.SpanEnd, Left.FirstIndex, right.LastIndex, segment);
        }
    }

    /// <summary>The grid points up to <see cref="Sample"/>; the last of a segment's seals it at <see cref="SealsAt"/>.</summary>
    private sealed class GridRun
    {
        public Grid Grid { get; set; } = null!;
        public Merged Sample { get; set; } = null!;
        public long? SealsAt { get; set; }
    }

    /// <summary>A kept sample, possibly the mean of rows with the same timestamp (its own copy of the channels: merging changes them).</summary>
    private sealed class Merged(int channels)
    {
        private int count;

        public float[] Channels { get; } = new float[channels];
        public object[] Others { get; private set; } = [];
        public double Time { get; private set; }
        public long SpanStart { get; private set; }
        public long SpanEnd { get; private set; }
        public long FirstIndex { get; private set; }
        public long LastIndex { get; private set; }

        public Merged Reset(SampleRow row, double time, long spanStart, long spanEnd)
        {
            row.Channels.AsSpan().CopyTo(Channels);
            (count, Others, Time, SpanStart, SpanEnd, FirstIndex, LastIndex) = (1, row.Others, time, spanStart, spanEnd, row.Index, row.Index);
            return this;
        }

        public void Merge(SampleRow row, long spanEnd)
        {
            count++;
            for (var i = 0; i < Channels.Length; i++)
                Channels[i] += (row.Channels[i] - Channels[i]) / count;
            SpanEnd = spanEnd;
            LastIndex = row.Index;
        }

        /// <summary>This sample, at <paramref name="time"/> on the grid, into <paramref name="sample"/>.</summary>
        public GridSample CopyTo(GridSample sample, double time, long segment)
        {
            Channels.AsSpan().CopyTo(sample.Channels);
            return sample.Set(Others, time, SpanStart, SpanEnd, FirstIndex, LastIndex, segment);
        }
    }
}
