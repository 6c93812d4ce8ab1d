using System.Globalization;
using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// Daily and Sports Activities: <c>a{NN}/p{n}/s{NN}.txt</c> (comma, 125 rows × 45 columns at 25 Hz: 5 units × acc, gyro,
/// mag); the activity folder is the label. The authors' column list reads column 42 twice and never 43, so
/// <c>LL_mag_y</c> holds a copy of <c>LL_mag_x</c>; we follow them. One segment (and so one window) per file.
/// </summary>
internal sealed class DsadsDataset : HarDataset
{
    private static readonly int[] Columns = [.. Enumerable.Range(0, 43), 42, 44];

    /// <inheritdoc />
    public override string Key => "dsads";

    /// <inheritdoc />
    public override string Name => "DSADS";

    /// <inheritdoc />
    public override double SamplingRateHz => 25;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } = new[] { "T", "RA", "LA", "RL", "LL" }
        .SelectMany(u => new[] { "acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z", "mag_x", "mag_y", "mag_z" }.Select(c => $"{u}_{c}")).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } =
    [
        "sitting", "standing", "lying on back", "lying on right side", "ascending stairs", "descending stairs",
        "standing in an elevator", "moving around in an elevator", "walking in a parking lot", "treadmill 4 km/h flat",
        "treadmill 4 km/h 15 deg incline", "treadmill running 8 km/h", "stepper", "cross trainer", "exercise bike horizontal",
        "exercise bike vertical", "rowing", "jumping", "basketball",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(1, 8).Select(s => (IReadOnlyList<int>)[s]).ToArray();

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var activities = folder.Folders().Where(a => a.Length == 3 && a[0] == 'a' && int.TryParse(a.AsSpan(1), CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 19).ToArray();
        folder.RequireAny(activities.Length, "a01 … a19 folders");
        foreach (var activity in activities)
        {
            var label = int.Parse(activity.AsSpan(1), CultureInfo.InvariantCulture) - 1;
            foreach (var person in folder.Folders(activity).Where(p => p.StartsWith('p')))
            {
                var subject = int.Parse(person.AsSpan(1), CultureInfo.InvariantCulture);
                foreach (var (name, path) in folder.List(Path.Combine(activity, person)).Where(f => f.Name.StartsWith('s') && f.Name.EndsWith(".txt", StringComparison.Ordinal)))
                {
                    var table = NumericTable.Read(path, FieldSplit.Comma, Columns, tally, requiredFields: 45);
                    yield return new Recording(subject, $"{subject}_{name[1..3]}_{activity[1..]}", table.Values, Enumerable.Repeat(label, table.Rows).ToArray());
                }
            }
        }
    }
}
