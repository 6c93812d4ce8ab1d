namespace TinierHAR.Trainer.Training;

/// <summary>Windows held in memory for training: features (n × T × C, time-major) and class indices.</summary>
public sealed class TrainingWindows
{
    /// <summary>Creates the set; <paramref name="features"/> holds <paramref name="labels"/>.Length windows of T × C.</summary>
    public TrainingWindows(float[] features, int[] labels, int windowLength, int channels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.LongLength != (long)labels.Length * windowLength * channels)
            throw new ArgumentException($"{features.Length} feature values do not make {labels.Length} windows of {windowLength} x {channels}.", nameof(features));
        Features = features;
        Labels = labels;
        WindowLength = windowLength;
        Channels = channels;
    }

    /// <summary>Features, window after window, time-major.</summary>
    public float[] Features { get; }

    /// <summary>Class index of each window.</summary>
    public int[] Labels { get; }

    /// <summary>Window length T.</summary>
    public int WindowLength { get; }

    /// <summary>Channels C.</summary>
    public int Channels { get; }

    /// <summary>Number of windows.</summary>
    public int Count => Labels.Length;

    /// <summary>The windows at <paramref name="indices"/>, in that order.</summary>
    public TrainingWindows Subset(IReadOnlyList<int> indices)
    {
        var size = WindowLength * Channels;
        var features = new float[indices.Count * size];
        var labels = new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Array.Copy(Features, (long)indices[i] * size, features, (long)i * size, size);
            labels[i] = Labels[indices[i]];
        }
        return new TrainingWindows(features, labels, WindowLength, Channels);
    }
}
