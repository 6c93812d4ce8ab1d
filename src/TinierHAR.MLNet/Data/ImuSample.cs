namespace TinierHAR.MLNet.Data;

/// <summary>One sample of a waist-worn IMU: accelerometer in g (gravity included), gyroscope in rad/s.</summary>
public sealed class ImuSample
{
    /// <summary>Subject id.</summary>
    public string Subject { get; set; } = "";

    /// <summary>Seconds since the subject's recording started.</summary>
    public double Time { get; set; }

    /// <summary>Accelerometer x (g).</summary>
    public float AccX { get; set; }

    /// <summary>Accelerometer y (g).</summary>
    public float AccY { get; set; }

    /// <summary>Accelerometer z (g).</summary>
    public float AccZ { get; set; }

    /// <summary>Gyroscope x (rad/s).</summary>
    public float GyroX { get; set; }

    /// <summary>Gyroscope y (rad/s).</summary>
    public float GyroY { get; set; }

    /// <summary>Gyroscope z (rad/s).</summary>
    public float GyroZ { get; set; }

    /// <summary>Activity being performed.</summary>
    public string Activity { get; set; } = "";

    /// <summary>The six channel column names, in channel order.</summary>
    public static IReadOnlyList<string> ChannelNames { get; } = [nameof(AccX), nameof(AccY), nameof(AccZ), nameof(GyroX), nameof(GyroY), nameof(GyroZ)];

    /// <summary>Units of <see cref="ChannelNames"/>, in the same order.</summary>
    public static IReadOnlyList<string> ChannelUnits { get; } = ["g", "g", "g", "rad/s", "rad/s", "rad/s"];
}
