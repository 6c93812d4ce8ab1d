using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.MLNet.Normalization;

/// <summary>Per-channel mean and sample standard deviation (ddof 1), accumulated with Welford's method in double.</summary>
internal sealed class ChannelStatistics
{
    private readonly double[] mean, m2;
    private long count;

    public ChannelStatistics(int channels) => (mean, m2) = (new double[channels], new double[channels]);

    public void Add(ReadOnlySpan<float> sample)
    {
        count++;
        for (var c = 0; c < mean.Length; c++)
        {
            var delta = sample[c] - mean[c];
            mean[c] += delta / count;
            m2[c] += delta * (sample[c] - mean[c]);
        }
    }

    public ChannelNormalization ToNormalization(float epsilon)
    {
        if (count < 2)
            throw new InvalidDataException($"Normalisation needs at least 2 samples per channel; there were {count}.");
        return new ChannelNormalization(mean.Select(m => (float)m).ToArray(),
            m2.Select(v => (float)(Math.Sqrt(v / (count - 1)) + epsilon)).ToArray());
    }

    /// <summary>Statistics over every time step of every window of a <c>Vector&lt;Single, T, C&gt;</c> column.</summary>
    public static ChannelNormalization FromWindows(IDataView windows, string column, int channels, float epsilon)
    {
        var statistics = new ChannelStatistics(channels);
        var features = windows.Schema[column];
        using var cursor = windows.GetRowCursor([features]);
        var getter = cursor.GetGetter<VBuffer<float>>(features);
        VBuffer<float> window = default;
        var dense = Array.Empty<float>();
        while (cursor.MoveNext())
        {
            getter(ref window);
            if (dense.Length != window.Length) dense = new float[window.Length];
            window.CopyTo(dense);
            for (var t = 0; t + channels <= dense.Length; t += channels)
                statistics.Add(dense.AsSpan(t, channels));
        }
        if (statistics.count == 0)
        {
            var length = features.Type is VectorDataViewType { Dimensions: [var t, _] } ? t : 0;
            throw new InvalidDataException($"There are no windows to normalise: no recording is as long as one window of {length:N0} samples, or every window was dropped by its label"
                + (windows is SensorWindowsDataView { LastReport: { } report } ? $" ({report})." : "."));
        }
        return statistics.ToNormalization(epsilon);
    }

    /// <summary>Statistics over every row of scalar channel columns (float or double).</summary>
    public static ChannelNormalization FromSamples(IDataView samples, IReadOnlyList<string> channelColumns, float epsilon)
    {
        var columns = channelColumns.Select(n => samples.Schema.GetColumnOrNull(n)
            ?? throw new ArgumentException($"The samples have no channel column '{n}'.", nameof(channelColumns))).ToArray();
        var statistics = new ChannelStatistics(columns.Length);
        using var cursor = samples.GetRowCursor(columns);
        var getters = columns.Select(c => c.Type == NumberDataViewType.Double
            ? cursor.GetGetter<double>(c)
            : c.Type == NumberDataViewType.Single
                ? Widen(cursor.GetGetter<float>(c))
                : throw new ArgumentException($"Channel column '{c.Name}' must be float or double; it is {c.Type}.", nameof(channelColumns))).ToArray();
        var sample = new float[columns.Length];
        while (cursor.MoveNext())
        {
            for (var c = 0; c < getters.Length; c++)
            {
                double v = 0;
                getters[c](ref v);
                sample[c] = (float)v;
            }
            statistics.Add(sample);
        }
        return statistics.ToNormalization(epsilon);
    }

    private static ValueGetter<double> Widen(ValueGetter<float> getter) => (ref double value) =>
    {
        float f = 0;
        getter(ref f);
        value = f;
    };
}
