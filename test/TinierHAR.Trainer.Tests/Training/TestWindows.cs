using TinierHAR.Trainer.Training;

namespace TinierHAR.Trainer.Tests.Training;

/// <summary>Small learnable training sets: uniform noise shifted by the class index, classes in turn.</summary>
internal static class TestWindows
{
    public static TrainingWindows Shifted(int count, int windowLength, int channels, int classes, int seed)
    {
        var generator = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        var features = new float[count * windowLength * channels];
        for (var i = 0; i < features.Length; i++)
            features[i] = (float)generator.NextDouble() + labels[i / (windowLength * channels)];
        return new TrainingWindows(features, labels, windowLength, channels);
    }
}
