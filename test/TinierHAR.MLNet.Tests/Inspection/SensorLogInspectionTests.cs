using Microsoft.ML;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Inspection;

namespace TinierHAR.MLNet.Tests.Inspection;

[TestClass]
public sealed class SensorLogInspectionTests
{
    public sealed class Sample
    {
        public float X { get; set; }
        public string Activity { get; set; } = "walk";
        public string Subject { get; set; } = "s1";
        public long Time { get; set; }
    }

    private static readonly MLContext Ml = new(seed: 1);

    [TestMethod]
    public void Each_recording_is_counted_as_it_is()
    {
        // s1: 100 samples 10 ms apart (ms clock), one repeat, one sample back in time, one 200 ms gap, one NaN, 30 'sit'.
        var s1 = Enumerable.Range(0, 100).Select(i => new Sample { X = i, Time = 1_000 + 10L * i, Activity = i < 70 ? "walk" : "sit" }).ToList();
        s1[20].Time = s1[19].Time;
        s1[40].Time = s1[38].Time;
        for (var i = 60; i < 100; i++)
            s1[i].Time += 200;
        s1[50].X = float.NaN;
        // s2: 50 samples 20 ms apart.
        var s2 = Enumerable.Range(0, 50).Select(i => new Sample { X = i, Time = 20L * i, Subject = "s2" });

        var inspection = Ml.Data.InspectSensorLog(Ml.Data.LoadFromEnumerable(s1.Concat(s2)), new SensorLogInspectionOptions
        {
            ChannelColumnNames = ["X"],
            TimestampColumnName = "Time",
            LabelColumnName = "Activity",
            GroupColumnNames = ["Subject"],
        });

        Assert.HasCount(2, inspection.Recordings);
        var (first, second) = (inspection.Recordings[0], inspection.Recordings[1]);
        Assert.AreEqual("s1", first.Timing.Recording);
        Assert.AreEqual(100, first.Timing.Rows);
        Assert.AreEqual(TimestampUnit.Milliseconds, first.Timing.Unit.Unit);
        Assert.AreEqual(0.010, first.Timing.MedianIntervalSeconds, 1e-12);
        Assert.AreEqual(100, first.Timing.RateHz, 1e-9);
        Assert.AreEqual(1, first.Timing.RepeatedTimestamps);
        Assert.AreEqual(1, first.Timing.OutOfOrderTimestamps);
        Assert.AreEqual(1, first.Timing.Gaps, "210 ms between rows 59 and 60: more than 5 median intervals");
        Assert.AreEqual(0.98, first.Timing.DurationSeconds, 1e-9, "1.19 s from first to last, less the 0.21 s gap");
        Assert.AreEqual(1, first.NonFiniteValues);
        Assert.AreEqual(70, first.Labels["walk"]);
        Assert.AreEqual(30, first.Labels["sit"]);
        Assert.AreEqual(50, second.Timing.RateHz, 1e-9);
        Assert.AreEqual(150, inspection.Rows);
        Assert.AreEqual(120, inspection.Labels["walk"]);
        StringAssert.Contains(inspection.ToText(), "s1,100,0.98,ms,10,");
        StringAssert.Contains(inspection.ToText(), "gaps: 1; repeated timestamps: 1; out of order: 1; non-finite values: 1");
    }
}
