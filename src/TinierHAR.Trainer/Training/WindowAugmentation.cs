using TinierHAR.MLNet;

namespace TinierHAR.Trainer.Training;

/// <summary>
/// Training-time augmentation of windows (off unless set on the trainer's options): a random rotation of each
/// 3-axis sensor (every triad of a window turned by the same rotation, as when the device sits differently),
/// a random scale and Gaussian jitter. Draws come from the trainer's seed, so runs stay reproducible.
/// </summary>
public sealed class WindowAugmentation
{
    /// <summary>Channel indices (x, y, z) of each 3-axis sensor to rotate, e.g. [0, 1, 2] and [3, 4, 5].</summary>
    public IReadOnlyList<int[]> RotatedSensors { get; set; } = [];

    /// <summary>Largest rotation angle in degrees (about a random axis).</summary>
    public double MaxRotationDegrees { get; set; } = 15;

    /// <summary>Smallest factor applied to a whole window.</summary>
    public double ScaleMin { get; set; } = 1;

    /// <summary>Largest factor applied to a whole window.</summary>
    public double ScaleMax { get; set; } = 1;

    /// <summary>Standard deviation of the Gaussian noise added to every value (0: none).</summary>
    public double JitterStandardDeviation { get; set; }

    /// <summary>Checks the settings against C channels.</summary>
    public void Validate(int channels)
    {
        OptionRules.Require(RotatedSensors.All(s => s.Length == 3 && s.All(i => i >= 0 && i < channels)), nameof(RotatedSensors),
            $"each rotated sensor names three channels in [0, {channels}).");
        OptionRules.Require(MaxRotationDegrees >= 0, nameof(MaxRotationDegrees), $"must not be negative (got {MaxRotationDegrees}).");
        OptionRules.Require(ScaleMin > 0 && ScaleMax >= ScaleMin, nameof(ScaleMin), $"0 < ScaleMin <= ScaleMax must hold (got {ScaleMin} and {ScaleMax}).");
        OptionRules.Require(JitterStandardDeviation >= 0, nameof(JitterStandardDeviation), $"must not be negative (got {JitterStandardDeviation}).");
    }

    /// <summary>Augments <paramref name="windows"/> (n × T × C, time-major) in place.</summary>
    public void Apply(float[] windows, int count, int windowLength, int channels, Random random)
    {
        var size = windowLength * channels;
        for (var w = 0; w < count; w++)
        {
            var window = windows.AsSpan(w * size, size);
            if (RotatedSensors.Count > 0 && MaxRotationDegrees > 0)
            {
                var rotation = RandomRotation(random, MaxRotationDegrees * Math.PI / 180);
                foreach (var sensor in RotatedSensors)
                {
                    for (var t = 0; t < windowLength; t++)
                    {
                        var row = window.Slice(t * channels, channels);
                        double x = row[sensor[0]], y = row[sensor[1]], z = row[sensor[2]];
                        row[sensor[0]] = (float)(rotation[0] * x + rotation[1] * y + rotation[2] * z);
                        row[sensor[1]] = (float)(rotation[3] * x + rotation[4] * y + rotation[5] * z);
                        row[sensor[2]] = (float)(rotation[6] * x + rotation[7] * y + rotation[8] * z);
                    }
                }
            }
            var scale = ScaleMin + (ScaleMax - ScaleMin) * random.NextDouble();
            for (var i = 0; i < window.Length; i++)
            {
                var jitter = JitterStandardDeviation > 0
                    ? JitterStandardDeviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble())
                    : 0;
                window[i] = (float)(window[i] * scale + jitter);
            }
        }
    }

    /// <summary>Rodrigues' rotation about a uniformly random axis by an angle uniform in [−max, max].</summary>
    private static double[] RandomRotation(Random random, double maxAngle)
    {
        double ax, ay, az, norm;
        do
        {
            (ax, ay, az) = (random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1, random.NextDouble() * 2 - 1);
            norm = Math.Sqrt(ax * ax + ay * ay + az * az);
        }
        while (norm is 0 or > 1);
        (ax, ay, az) = (ax / norm, ay / norm, az / norm);
        var angle = (random.NextDouble() * 2 - 1) * maxAngle;
        var (c, s, v) = (Math.Cos(angle), Math.Sin(angle), 1 - Math.Cos(angle));
        return
        [
            c + ax * ax * v, ax * ay * v - az * s, ax * az * v + ay * s,
            ay * ax * v + az * s, c + ay * ay * v, ay * az * v - ax * s,
            az * ax * v - ay * s, az * ay * v + ax * s, c + az * az * v,
        ];
    }
}
