using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Evaluation;

namespace TinierHAR.MLNet.Windowing;

/// <summary>
/// Walks the sample rows once, keeping the last T samples of the current segment in a ring, and stops at every
/// window: after the first T samples of a segment and every step samples after that. A segment ends where a group
/// value changes, the time stage (<see cref="UniformGridCursor"/>) starts a new one at a gap, or the input ends.
/// Coverage is counted in input rows: each sample stands for a span of them (itself, without the time stage).
/// </summary>
internal sealed class SensorWindowCursor : StreamingCursor
{
    private readonly SensorWindowsDataView view;
    private readonly WindowingPlan plan;
    private readonly SensorWindowingOptions options;
    private readonly DataViewRowCursor input;
    private readonly ValueGetter<float>[] floatChannels;
    private readonly ValueGetter<double>[] doubleChannels;
    private readonly ValueGetter<VBuffer<float>>? vectorChannels;
    private readonly ScalarColumnReader? label;
    private readonly ScalarColumnReader[] groups;
    private readonly UniformGridCursor? grid;
    private readonly Dictionary<int, Delegate> getters = new();
    private readonly HashSet<string> dropLabels;
    private readonly string[]? labelKeyNames;

    // Label values seen so far: id → value, text (for the drop list) and order (for ties).
    private readonly Dictionary<string, int> labelIds = new(StringComparer.Ordinal);
    private readonly List<object> labelValues = new();
    private readonly List<string> labelTexts = new();
    private readonly List<bool> labelMissing = new();
    private readonly Comparer<int> labelOrder;

    // The ring of the segment's last T samples.
    private readonly int t, c, step;
    private readonly float[] ringSamples;
    private readonly int[] ringLabels;
    private readonly int[] windowLabels;
    private readonly long[] ringSpanStarts, ringSpanEnds, ringFirstIndices, ringLastIndices;
    private readonly double[] ringTimes;
    private int ringHead;
    private long segmentLength;
    private long lastCandidateEnd = -1;
    private string[] segmentGroups;
    private long segmentId = -1, segmentSpanStart, segmentSpanEnd, candidateSpanEnd;
    // Runs of windows that follow each other: a new segment or a dropped window starts the next.
    private long run = -1, windowRun;
    private bool runBroken = true;

    // The row read but not yet placed in the ring.
    private readonly float[] pendingSamples;
    private int pendingLabel;
    private double pendingTime;
    private long pendingSpanStart, pendingSpanEnd, pendingFirstIndex, pendingLastIndex, pendingSegment;
    private string[] pendingGroups;
    private readonly string[] lastGroups;
    private object[]? lastOthers;
    private int lastLabel;
    private bool hasPending;
    private bool ended;
    private long rowIndex = -1;

    // The current window.
    private readonly float[] window;
    private object? windowLabel;
    private readonly object[] windowGroups;
    private long firstRow, lastRow;
    private double startTime, endTime;

    private long rowsRead, produced, dropped, covered, coveredUntil, segments, shortSegments, rowsInShortSegments, rowsInTails;

    public SensorWindowCursor(SensorWindowsDataView view) : base(view.Schema)
    {
        this.view = view;
        plan = view.Plan;
        options = view.Options;
        (t, c, step) = (plan.WindowLength, plan.Channels, plan.Step);
        input = view.Samples.GetRowCursor(plan.InputColumns);
        floatChannels = plan.ChannelColumns.Where(col => col.Type == NumberDataViewType.Single).Select(input.GetGetter<float>).ToArray();
        doubleChannels = plan.ChannelColumns.Where(col => col.Type == NumberDataViewType.Double).Select(input.GetGetter<double>).ToArray();
        if (floatChannels.Length > 0 && doubleChannels.Length > 0)
            throw new ArgumentException("Channel columns must all be float or all be double.", nameof(view));
        vectorChannels = plan.ChannelVector is { } vector ? input.GetGetter<VBuffer<float>>(vector) : null;
        label = plan.Label is { } labelColumn ? ScalarColumnReader.Create(input, labelColumn) : null;
        labelKeyNames = plan.Label is { Type: KeyDataViewType key } keyColumn ? HarMetrics.KeyNames(keyColumn, (int)key.Count) : null;
        groups = plan.Groups.Select(g => ScalarColumnReader.Create(input, g)).ToArray();
        grid = input as UniformGridCursor;
        dropLabels = options.DropLabels.ToHashSet(StringComparer.Ordinal);
        labelOrder = Comparer<int>.Create(CompareLabels);

        ringSamples = new float[t * c];
        ringLabels = new int[t];
        windowLabels = new int[t];
        ringSpanStarts = new long[t];
        ringSpanEnds = new long[t];
        ringFirstIndices = new long[t];
        ringLastIndices = new long[t];
        ringTimes = new double[t];
        pendingSamples = new float[c];
        window = new float[t * c];
        segmentGroups = new string[groups.Length];
        pendingGroups = new string[groups.Length];
        lastGroups = new string[groups.Length];
        windowGroups = new object[groups.Length];
        BuildGetters();
    }

    public WindowingReport Report => WithTiming(new()
    {
        RowsRead = grid?.RowsRead ?? rowsRead,
        RowsInWindows = covered,
        WindowsProduced = produced,
        WindowsDroppedByLabel = dropped,
        RowsNotCovered = (grid?.RowsKept ?? rowsRead) - covered,
        RowsInShortSegments = rowsInShortSegments,
        RowsInTails = rowsInTails,
        Segments = segments,
        SegmentsShorterThanWindow = shortSegments,
        Gaps = grid?.Recordings.Sum(r => r.Gaps) ?? 0,
        ValuesInterpolated = view.Interpolation?.ValuesInterpolated ?? 0,
    });

    private WindowingReport WithTiming(WindowingReport report) => grid is null ? report : report with
    {
        RowsRemoved = grid.RowsRemoved.ToDictionary(),
        Resampled = grid.Resampled,
        Recordings = grid.Recordings.ToArray(),
    };



    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) =>
        getters.TryGetValue(column.Index, out var getter) && getter is ValueGetter<TValue> typed
            ? typed
            : throw new InvalidOperationException($"Column '{column.Name}' is not read as {typeof(TValue).Name}.");


    public override bool MoveNext()
    {
        while (true)
        {
            if (!hasPending)
            {
                if (!input.MoveNext())
                {
                    if (!ended)
                    {
                        ended = true;
                        if (FinishSegment())
                            return Stop();
                    }
                    view.Publish(Report);
                    return false;
                }
                ReadPending();
            }

            if (segmentLength > 0 && StartsNewSegment() && FinishSegment())
                return Stop();
            if (segmentLength == 0)
            {
                segments++;
                runBroken = true;
                (segmentGroups, pendingGroups) = (pendingGroups, segmentGroups);
                pendingGroups = new string[groups.Length];
                for (var g = 0; g < groups.Length; g++)
                    windowGroups[g] = groups[g].Boxed;
            }
            Push();
            if (segmentLength >= t && (segmentLength - t) % step == 0 && Candidate())
                return Stop();
        }
    }

    private bool Stop()
    {
        RowPosition++;
        return true;
    }

    private void ReadPending()
    {
        rowIndex++;
        rowsRead++;
        if (grid is not null)
        {
            grid.Current.Channels.AsSpan().CopyTo(pendingSamples);
        }
        else if (vectorChannels is not null)
        {
            VBuffer<float> values = default;
            vectorChannels(ref values);
            if (values.Length != c)
                throw new InvalidDataException($"Row {rowIndex}: channel vector has {values.Length} values; expected {c}.");
            values.CopyTo(pendingSamples);
        }
        else
        {
            for (var i = 0; i < floatChannels.Length; i++)
            {
                float v = 0;
                floatChannels[i](ref v);
                pendingSamples[i] = v;
            }
            for (var i = 0; i < doubleChannels.Length; i++)
            {
                double v = 0;
                doubleChannels[i](ref v);
                pendingSamples[i] = (float)v;
            }
        }
        plan.Scale(pendingSamples);
        for (var i = 0; i < c; i++)
        {
            if (!float.IsFinite(pendingSamples[i]))
                throw new InvalidDataException($"Row {rowIndex}: channel '{plan.ChannelNames[i]}' is {pendingSamples[i]}; windows need finite values (interpolate or drop such rows first).");
        }
        // The time stage hands on the same label-and-groups array while they do not change: nothing to read again.
        if (grid is not null && ReferenceEquals(grid.Current.Others, lastOthers))
        {
            Array.Copy(lastGroups, pendingGroups, groups.Length);
            pendingLabel = lastLabel;
        }
        else
        {
            for (var g = 0; g < groups.Length; g++)
            {
                groups[g].Read();
                pendingGroups[g] = groups[g].Number is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : groups[g].AsText;
            }
            pendingLabel = label is null ? 0 : LabelId();
            (lastOthers, lastLabel) = (grid?.Current.Others, pendingLabel);
            Array.Copy(pendingGroups, lastGroups, groups.Length);
        }
        if (grid?.Current is { } sample)
        {
            (pendingTime, pendingSpanStart, pendingSpanEnd) = (sample.Time, sample.SpanStart, sample.SpanEnd);
            (pendingFirstIndex, pendingLastIndex, pendingSegment) = (sample.FirstIndex, sample.LastIndex, sample.Segment);
        }
        else
        {
            (pendingSpanStart, pendingSpanEnd, pendingFirstIndex, pendingLastIndex) = (rowIndex, rowIndex + 1, rowIndex, rowIndex);
        }
        hasPending = true;
    }

    /// <summary>A group change, or a new segment of the time stage (a gap).</summary>
    private bool StartsNewSegment() => !pendingGroups.AsSpan().SequenceEqual(segmentGroups) || pendingSegment != segmentId;

    private void Push()
    {
        Array.Copy(pendingSamples, 0, ringSamples, ringHead * c, c);
        ringLabels[ringHead] = pendingLabel;
        ringSpanStarts[ringHead] = pendingSpanStart;
        ringSpanEnds[ringHead] = pendingSpanEnd;
        ringFirstIndices[ringHead] = pendingFirstIndex;
        ringLastIndices[ringHead] = pendingLastIndex;
        ringTimes[ringHead] = pendingTime;
        if (segmentLength == 0)
            (segmentId, segmentSpanStart) = (pendingSegment, pendingSpanStart);
        segmentSpanEnd = pendingSpanEnd;
        ringHead = (ringHead + 1) % t;
        segmentLength++;
        hasPending = false;
    }

    /// <summary>Ends the segment; with <see cref="IncompleteTailPolicy.AlignToEnd"/> its last T samples may form one more window.</summary>
    private bool FinishSegment()
    {
        var length = segmentLength;
        var lastEnd = lastCandidateEnd;
        segmentLength = 0;
        lastCandidateEnd = -1;
        if (length < t)
        {
            shortSegments++;
            rowsInShortSegments += segmentSpanEnd - segmentSpanStart;
            return false;
        }
        // The ring still holds the segment's last T samples.
        var emitted = options.IncompleteTail == IncompleteTailPolicy.AlignToEnd && lastEnd != length - 1 && Emit();
        // The tail: rows after the segment's last window, kept or dropped by label.
        rowsInTails += Math.Max(0, segmentSpanEnd - Math.Max(Math.Max(coveredUntil, candidateSpanEnd), segmentSpanStart));
        return emitted;
    }

    private bool Candidate()
    {
        lastCandidateEnd = segmentLength - 1;
        candidateSpanEnd = ringSpanEnds[(ringHead + t - 1) % t];
        return Emit();
    }

    /// <summary>Votes the label of the ring's T samples; keeps the window unless its label is dropped.</summary>
    private bool Emit()
    {
        if (label is not null)
        {
            for (var i = 0; i < t; i++)
                windowLabels[i] = ringLabels[(ringHead + i) % t];
            var chosen = WindowLabelVote.Choose(windowLabels, options.LabelPolicy, labelOrder, labelMissing);
            if (labelMissing[chosen] || dropLabels.Contains(labelTexts[chosen]))
            {
                dropped++;
                runBroken = true;
                return false;
            }
            windowLabel = labelValues[chosen];
        }
        for (var i = 0; i < t; i++)
            Array.Copy(ringSamples, ((ringHead + i) % t) * c, window, i * c, c);
        var last = (ringHead + t - 1) % t;
        firstRow = ringFirstIndices[ringHead];
        lastRow = ringLastIndices[last];
        startTime = ringTimes[ringHead];
        endTime = ringTimes[last];
        covered += Math.Max(0, ringSpanEnds[last] - Math.Max(ringSpanStarts[ringHead], coveredUntil));
        coveredUntil = Math.Max(coveredUntil, ringSpanEnds[last]);
        if (runBroken)
            (run, runBroken) = (run + 1, false);
        windowRun = run;
        produced++;
        return true;
    }

    private int LabelId()
    {
        label!.Read();
        var number = label.Number;
        var key = number is { } n ? n.ToString("R", CultureInfo.InvariantCulture) : "\u0001" + label.AsText;
        if (!labelIds.TryGetValue(key, out var id))
        {
            id = labelValues.Count;
            labelIds.Add(key, id);
            labelValues.Add(label.Boxed);
            var isKey = labelKeyNames is not null;
            var missing = isKey ? number == 0 : number is { } x && double.IsNaN(x);
            labelMissing.Add(missing);
            labelTexts.Add(isKey && !missing ? labelKeyNames![(int)number!.Value - 1] : label.AsText);
        }
        return id;
    }

    private int CompareLabels(int a, int b)
    {
        var value = labelValues[a];
        return value is ReadOnlyMemory<char>
            ? string.CompareOrdinal(labelTexts[a], labelTexts[b])
            : Convert.ToDouble(value, CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(labelValues[b], CultureInfo.InvariantCulture));
    }

    private void BuildGetters()
    {
        var schema = view.Schema;
        getters[schema[options.OutputColumnName].Index] = (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) =>
        {
            var editor = VBufferEditor.Create(ref value, window.Length);
            window.AsSpan().CopyTo(editor.Values);
            value = editor.Commit();
        });
        if (plan.Label is { } labelColumn)
            getters[schema[labelColumn.Name].Index] = ScalarColumnReader.Getter(labelColumn.Type, () => windowLabel!);
        for (var g = 0; g < plan.Groups.Length; g++)
        {
            var index = g;
            getters[schema[plan.Groups[g].Name].Index] = ScalarColumnReader.Getter(plan.Groups[g].Type, () => windowGroups[index]);
        }
        getters[schema[SensorWindowsDataView.FirstSampleIndexColumnName].Index] = (ValueGetter<long>)((ref long v) => v = firstRow);
        getters[schema[SensorWindowsDataView.LastSampleIndexColumnName].Index] = (ValueGetter<long>)((ref long v) => v = lastRow);
        getters[schema[SensorWindowsDataView.RunIndexColumnName].Index] = (ValueGetter<long>)((ref long v) => v = windowRun);
        if (plan.Timestamp is not null)
        {
            getters[schema[SensorWindowsDataView.StartTimeColumnName].Index] = (ValueGetter<double>)((ref double v) => v = startTime);
            getters[schema[SensorWindowsDataView.EndTimeColumnName].Index] = (ValueGetter<double>)((ref double v) => v = endTime);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            input.Dispose();
        base.Dispose(disposing);
    }
}
