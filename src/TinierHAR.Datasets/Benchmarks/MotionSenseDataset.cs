using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// MotionSense: <c>A_DeviceMotion_data/{act}_{trial}/sub_{n}.csv</c> (a header; an unnamed row-index column, dropped;
/// then 12 columns in file order: attitude, gravity, rotation rate, user acceleration) at 50 Hz; the folder prefix is
/// the label. One segment per file; 6 folds of four subjects.
/// </summary>
internal sealed class MotionSenseDataset : HarDataset
{
    private static readonly string[] Trials =
        ["dws_1", "dws_2", "dws_11", "ups_3", "ups_4", "ups_12", "wlk_7", "wlk_8", "wlk_15", "jog_9", "jog_16", "sit_5", "sit_13", "std_6", "std_14"];

    private static readonly string[] Activities = ["dws", "ups", "sit", "std", "wlk", "jog"];

    /// <inheritdoc />
    public override string Key => "motionsense";

    /// <inheritdoc />
    public override string Name => "MotionSense";

    /// <inheritdoc />
    public override double SamplingRateHz => 50;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } =
    [
        "attitude.roll", "attitude.pitch", "attitude.yaw", "gravity.x", "gravity.y", "gravity.z",
        "rotationRate.x", "rotationRate.y", "rotationRate.z", "userAcceleration.x", "userAcceleration.y", "userAcceleration.z",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } = ["downstairs", "upstairs", "sitting", "standing", "walking", "jogging"];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(0, 6).Select(f => (IReadOnlyList<int>)Enumerable.Range(4 * f + 1, 4).ToArray()).ToArray();

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var found = 0;
        foreach (var trial in Trials)
        {
            var activity = trial[..3];
            for (var subject = 1; subject <= 24; subject++)
            {
                if (folder.Find(Path.Combine("A_DeviceMotion_data", trial, $"sub_{subject}.csv")) is not { } path) continue;
                found++;
                var table = NumericTable.Read(path, FieldSplit.Comma, Enumerable.Range(1, 12).ToArray(), tally, requiredFields: 13);
                yield return new Recording(subject, $"{subject}_{activity}_{trial[4..]}", table.Values,
                    Enumerable.Repeat(Array.IndexOf(Activities, activity), table.Rows).ToArray());
            }
        }
        folder.RequireAny(found, "A_DeviceMotion_data/{act}_{trial}/sub_{n}.csv");
    }
}
