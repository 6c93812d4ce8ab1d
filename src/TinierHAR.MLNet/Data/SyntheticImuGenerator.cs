namespace TinierHAR.MLNet.Data;

/// <summary>
/// A seeded generator of realistic waist-worn IMU recordings for six activities (walking, walking upstairs, walking
/// downstairs, sitting, standing, lying), with per-subject variation in cadence, step force, sensor orientation,
/// noise and drift, bouts of 20–45 s and blended transitions. Samples stream: nothing is held in memory.
/// The hard pairs of real data are hard here too: sitting and standing differ by a trunk tilt of the same order as
/// the orientation spread between subjects; the stairs differ from each other by cadence, lean and impact shape.
/// </summary>
public static class SyntheticImuGenerator
{
    /// <summary>The activities, in a fixed order.</summary>
    public static IReadOnlyList<string> Activities { get; } = ["walking", "walking_upstairs", "walking_downstairs", "sitting", "standing", "lying"];

    private sealed record Subject(string Id, double Cadence, double StepForce, double[,] Mount, double AccNoise, double GyroNoise, double LeanBias);

    /// <summary>The activity's posture: trunk pitch (forward lean, radians) and roll (for lying), and whether it is gait.</summary>
    private static (double Pitch, double Roll, bool Gait, double CadenceFactor, double ForceFactor) Posture(string activity) => activity switch
    {
        "walking" => (0.05, 0, true, 1.0, 1.0),
        "walking_upstairs" => (0.18, 0, true, 0.85, 1.25),
        "walking_downstairs" => (-0.06, 0, true, 1.08, 1.45),
        "sitting" => (0.30, 0, false, 0, 0),
        "standing" => (0.03, 0, false, 0, 0),
        _ => (1.45, 0.25, false, 0, 0), // lying: trunk almost horizontal, slightly on one side
    };

    /// <summary>Streams the samples of every subject, subject after subject, in time order.</summary>
    public static IEnumerable<ImuSample> Generate(SyntheticImuOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Subjects < 1 || options.SamplingRateHz <= 0 || options.BoutsPerSubject < Activities.Count
            || options.MinBoutSeconds <= options.TransitionSeconds || options.MaxBoutSeconds < options.MinBoutSeconds)
            throw new ArgumentException("Invalid synthetic IMU options: at least one subject, a positive rate, a bout per activity, and bouts longer than transitions.", nameof(options));
        var fastest = Math.Max(options.SamplingRateHz, options.SecondSamplingRateHz ?? 0);
        OptionRules.Require(options.SecondSamplingRateHz is null or > 0, nameof(options.SecondSamplingRateHz), "the second rate must be positive.");
        OptionRules.Require(options.TimestampJitterSeconds >= 0 && options.TimestampJitterSeconds < 0.5 / fastest, nameof(options.TimestampJitterSeconds),
            $"the jitter must lie in [0, half an interval) = [0, {0.5 / fastest}) s, so that samples stay in order.");
        OptionRules.Require(options.DroppedSampleFraction is >= 0 and < 0.5, nameof(options.DroppedSampleFraction), "a fraction in [0, 0.5).");
        OptionRules.Require(options.RepeatedTimestampFraction is >= 0 and < 0.5, nameof(options.RepeatedTimestampFraction), "a fraction in [0, 0.5).");
        for (var s = 0; s < options.Subjects; s++)
        {
            var random = new Random(unchecked(options.Seed * 1_000_003 + s)); // not HashCode.Combine: it is randomised per process
            var faults = new Random(unchecked(options.Seed * 1_000_003 + s + 500_000_000));
            var subject = NewSubject(random, $"subject{s + 1:D2}");
            var rate = s % 2 == 1 && options.SecondSamplingRateHz is { } second ? second : options.SamplingRateHz;
            foreach (var sample in WithFaults(Record(subject, random, options, rate), faults, options))
                yield return sample;
        }
    }

    /// <summary>What a device does to the clean samples: drops some, stamps some late or early, repeats some stamps.</summary>
    private static IEnumerable<ImuSample> WithFaults(IEnumerable<ImuSample> samples, Random random, SyntheticImuOptions options)
    {
        double? previous = null;
        foreach (var sample in samples)
        {
            // Three draws per sample whatever the settings, so that each fault's choices do not depend on the others'.
            var (drop, jitter, repeat) = (random.NextDouble(), random.NextDouble(), random.NextDouble());
            if (drop < options.DroppedSampleFraction)
                continue;
            sample.Time = Math.Round(sample.Time + (2 * jitter - 1) * options.TimestampJitterSeconds, 6);
            if (previous is { } before && repeat < options.RepeatedTimestampFraction)
                sample.Time = before;
            previous = sample.Time;
            yield return sample;
        }
    }

    private static Subject NewSubject(Random random, string id)
    {
        double Uniform(double a, double b) => a + (b - a) * random.NextDouble();
        // Sensor mounting: small rotations about each axis (±10°), the same for a subject's whole recording.
        var mount = Rotation(Uniform(-0.17, 0.17), Uniform(-0.17, 0.17), Uniform(-0.17, 0.17));
        return new Subject(id, Uniform(1.6, 2.0), Uniform(0.15, 0.35), mount, Uniform(0.01, 0.03), Uniform(0.01, 0.04), Uniform(-0.06, 0.06));
    }

    private static IEnumerable<ImuSample> Record(Subject subject, Random random, SyntheticImuOptions options, double rate)
    {
        var dt = 1 / rate;
        var bouts = Enumerable.Range(0, options.BoutsPerSubject)
            .Select(i => i < Activities.Count ? Activities[i] : Activities[random.Next(Activities.Count)])
            .OrderBy(_ => random.Next()).ToList();
        var time = 0.0;
        var phase = random.NextDouble() * 2 * Math.PI;
        var gyroBias = new double[3];
        string? previous = null;
        foreach (var activity in bouts)
        {
            var seconds = options.MinBoutSeconds + (options.MaxBoutSeconds - options.MinBoutSeconds) * random.NextDouble();
            var samples = (int)(seconds * rate);
            var transition = previous is null ? 0 : (int)(options.TransitionSeconds * rate);
            for (var n = 0; n < samples; n++, time += dt)
            {
                // Blend posture and gait intensity from the previous bout over the transition.
                var blend = transition == 0 || n >= transition ? 1.0 : 0.5 - 0.5 * Math.Cos(Math.PI * n / transition);
                var from = Posture(previous ?? activity);
                var to = Posture(activity);
                var pitch = Lerp(from.Pitch, to.Pitch, blend) + subject.LeanBias;
                var roll = Lerp(from.Roll, to.Roll, blend);
                var gait = Lerp(from.Gait ? 1 : 0, to.Gait ? 1 : 0, blend);
                var cadence = subject.Cadence * (to.Gait ? to.CadenceFactor : from.CadenceFactor == 0 ? 1 : from.CadenceFactor);
                var force = subject.StepForce * (to.Gait ? to.ForceFactor : from.ForceFactor);
                phase += 2 * Math.PI * cadence * dt;

                // Body frame: x forward, y left, z up. Gravity 1 g along the trunk's vertical, tilted by pitch and roll.
                var body = Rotation(roll, pitch, 0);
                var (ax, ay, az) = Apply(body, 0, 0, 1);
                var (gx, gy, gz) = (0.0, 0.0, 0.0);
                if (gait > 0)
                {
                    // Steps: vertical bounce at the step frequency with harmonics (sharper impacts downstairs), forward
                    // surge, lateral sway at the stride frequency (half the cadence); trunk pitch and yaw oscillate.
                    var impact = activity == "walking_downstairs" ? 0.45 : activity == "walking_upstairs" ? 0.15 : 0.25;
                    az += gait * force * (Math.Sin(phase) + impact * Math.Sin(2 * phase + 0.6) + 0.1 * Math.Sin(3 * phase));
                    ax += gait * force * 0.45 * Math.Sin(phase + (activity == "walking_upstairs" ? 1.1 : 0.4));
                    ay += gait * force * 0.35 * Math.Sin(phase / 2);
                    gy += gait * 0.35 * force * 4 * Math.Cos(phase);
                    gz += gait * 0.25 * Math.Sin(phase / 2);
                    gx += gait * 0.15 * Math.Cos(phase / 2);
                }
                else
                {
                    // At rest: breathing and postural sway, a few hundredths of a g; standing sways more than sitting or lying.
                    var sway = activity == "standing" ? 2.5 : 1.0;
                    ax += sway * 0.01 * Math.Sin(2 * Math.PI * 0.25 * time);
                    gy += sway * 0.02 * Math.Sin(2 * Math.PI * 0.3 * time);
                }
                for (var i = 0; i < 3; i++)
                    gyroBias[i] += 0.002 * Math.Sqrt(dt) * Normal(random);

                var (sx, sy, sz) = Apply(subject.Mount, ax, ay, az);
                var (rx, ry, rz) = Apply(subject.Mount, gx, gy, gz);
                yield return new ImuSample
                {
                    Subject = subject.Id,
                    Time = Math.Round(time, 6),
                    AccX = (float)(sx + subject.AccNoise * Normal(random)),
                    AccY = (float)(sy + subject.AccNoise * Normal(random)),
                    AccZ = (float)(sz + subject.AccNoise * Normal(random)),
                    GyroX = (float)(rx + gyroBias[0] + subject.GyroNoise * Normal(random)),
                    GyroY = (float)(ry + gyroBias[1] + subject.GyroNoise * Normal(random)),
                    GyroZ = (float)(rz + gyroBias[2] + subject.GyroNoise * Normal(random)),
                    Activity = activity,
                };
            }
            previous = activity;
        }
    }

    private static double Lerp(double a, double b, double t) => a + (b - a) * t;

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>Rotation matrix for roll (about x), pitch (about y), yaw (about z), applied in that order.</summary>
    private static double[,] Rotation(double roll, double pitch, double yaw)
    {
        var (cr, sr, cp, sp, cy, sy) = (Math.Cos(roll), Math.Sin(roll), Math.Cos(pitch), Math.Sin(pitch), Math.Cos(yaw), Math.Sin(yaw));
        return new[,]
        {
            { cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr },
            { sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr },
            { -sp, cp * sr, cp * cr },
        };
    }

    private static (double, double, double) Apply(double[,] m, double x, double y, double z) =>
        (m[0, 0] * x + m[0, 1] * y + m[0, 2] * z, m[1, 0] * x + m[1, 1] * y + m[1, 2] * z, m[2, 0] * x + m[2, 1] * y + m[2, 2] * z);
}
