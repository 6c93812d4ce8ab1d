using TinierHAR.Trainer.Training;

namespace TinierHAR.Trainer.Tests.Training;

[TestClass]
public sealed class WindowAugmentationTests
{
    private static float[] Windows(int count, int t, int c) =>
        Enumerable.Range(0, count * t * c).Select(i => (float)Math.Sin(i * 0.37) * 2).ToArray();

    [TestMethod]
    public void Rotation_keeps_each_sensor_vector_length_and_moves_it()
    {
        const int t = 16, c = 6;
        var original = Windows(3, t, c);
        var rotated = original.ToArray();
        new WindowAugmentation { RotatedSensors = [[0, 1, 2], [3, 4, 5]], MaxRotationDegrees = 30 }.Apply(rotated, 3, t, c, new Random(1));

        double Norm(float[] v, int row, int first) => Math.Sqrt(Enumerable.Range(first, 3).Sum(k => (double)v[row * c + k] * v[row * c + k]));
        for (var row = 0; row < 3 * t; row++)
        {
            Assert.AreEqual(Norm(original, row, 0), Norm(rotated, row, 0), 1e-5, $"row {row}: accelerometer length");
            Assert.AreEqual(Norm(original, row, 3), Norm(rotated, row, 3), 1e-5, $"row {row}: gyroscope length");
        }
        CollectionAssert.AreNotEqual(original, rotated);
    }

    [TestMethod]
    public void Scaling_and_jitter_follow_the_seed()
    {
        var augmentation = new WindowAugmentation { ScaleMin = 0.8, ScaleMax = 1.2, JitterStandardDeviation = 0.05 };
        var (a, b, other) = (Windows(2, 8, 3), Windows(2, 8, 3), Windows(2, 8, 3));
        augmentation.Apply(a, 2, 8, 3, new Random(7));
        augmentation.Apply(b, 2, 8, 3, new Random(7));
        augmentation.Apply(other, 2, 8, 3, new Random(8));
        CollectionAssert.AreEqual(a, b, "same seed, same augmentation");
        CollectionAssert.AreNotEqual(a, other);
        CollectionAssert.AreNotEqual(Windows(2, 8, 3), a);
    }

    [TestMethod]
    public void Bad_settings_are_refused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => new WindowAugmentation { RotatedSensors = [[0, 1]] }.Validate(6));
        Assert.ThrowsExactly<ArgumentException>(() => new WindowAugmentation { RotatedSensors = [[4, 5, 6]] }.Validate(6));
        Assert.ThrowsExactly<ArgumentException>(() => new WindowAugmentation { ScaleMin = 1.2, ScaleMax = 1.1 }.Validate(6));
    }
}
