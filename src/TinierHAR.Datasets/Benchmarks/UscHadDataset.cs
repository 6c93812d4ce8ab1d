using TinierHAR.Datasets.Formats.Mat;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// USC-HAD: <c>Subject{n}/a{m}t{k}.mat</c> (MATLAB level 5), variable <c>sensor_readings</c> (N × 6: acc x, y, z in g,
/// gyro x, y, z in dps) at 100 Hz; the activity m of the file name is the label; one segment per file; 7 folds of
/// two subjects.
/// </summary>
internal sealed class UscHadDataset : HarDataset
{
    /// <inheritdoc />
    public override string Key => "uschad";

    /// <inheritdoc />
    public override string Name => "USC-HAD";

    /// <inheritdoc />
    public override double SamplingRateHz => 100;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } = ["acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"];

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } =
    [
        "Walking Forward", "Walking Left", "Walking Right", "Walking Upstairs", "Walking Downstairs", "Running Forward",
        "Jumping Up", "Sitting", "Standing", "Sleeping", "Elevator Up", "Elevator Down",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(0, 7).Select(f => (IReadOnlyList<int>)[2 * f + 1, 2 * f + 2]).ToArray();

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var found = 0;
        for (var subject = 1; subject <= 14; subject++)
        {
            for (var activity = 1; activity <= 12; activity++)
            {
                for (var trial = 1; trial <= 5; trial++)
                {
                    var relative = Path.Combine($"Subject{subject}", $"a{activity}t{trial}.mat");
                    if (folder.Find(relative) is not { } path) continue;
                    found++;
                    tally.Files++;
                    var readings = MatFile.Get(MatFile.Read(path), "sensor_readings", path);
                    if (!readings.IsNumeric || readings.Columns != 6)
                        throw new InvalidDataException($"{path}: 'sensor_readings' must be a numeric N x 6 matrix; it is {readings.Class} {string.Join(" x ", readings.Dimensions)}.");
                    var values = new float[readings.Rows * 6];
                    for (var r = 0; r < readings.Rows; r++)
                        for (var c = 0; c < 6; c++)
                            values[r * 6 + c] = (float)readings[r, c];
                    yield return new Recording(subject, $"{subject}_{activity}_{trial}", values, Enumerable.Repeat(activity - 1, readings.Rows).ToArray());
                }
            }
        }
        folder.RequireAny(found, "Subject{n}/a{m}t{k}.mat");
    }
}
