using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// WISDM Activity Prediction v1.1 (36 users, 20 Hz): one file of <c>user,activity,timestamp,x,y,z;</c> lines (the
/// trailing ';' stripped; the authors read <c>WISDM_ar_v1.1_raw_repaired.txt</c>, the official
/// <c>WISDM_ar_v1.1_raw.txt</c> is read where the repaired one is absent). Rows with a missing user, activity or axis
/// are removed (counted). Sessions are runs of consecutive rows of one user, numbered over the file.
/// </summary>
internal sealed class WisdmDataset : HarDataset
{
    // user, activity, x, y, z: a row missing any of them is removed (the timestamp is not used).
    private static readonly int[] UsedFields = [0, 1, 3, 4, 5];

    private readonly LabelMap<string> labels;

    /// <summary>Creates the dataset description.</summary>
    public WisdmDataset() => labels = new LabelMap<string>(LabelNames, LabelNames.Select(n => (n, n)));

    /// <inheritdoc />
    public override string Key => "wisdm";

    /// <inheritdoc />
    public override string Name => "WISDM v1.1";

    /// <inheritdoc />
    public override double SamplingRateHz => 20;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } = ["acc_x", "acc_y", "acc_z"];

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } = ["Walking", "Jogging", "Sitting", "Standing", "Upstairs", "Downstairs"];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } =
    [
        [1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12], [13, 14, 15, 16], [17, 18, 19, 20], [21, 22, 23, 24],
        [25, 26, 27], [28, 29, 30], [31, 32, 33], [34, 35, 36],
    ];

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var path = File.Exists(Path.Combine(folder.Root, "WISDM_ar_v1.1_raw_repaired.txt")) || File.Exists(Path.Combine(folder.Root, "WISDM_ar_v1.1_raw_repaired.txt.gz"))
            ? folder.Require("WISDM_ar_v1.1_raw_repaired.txt")
            : folder.Find("WISDM_ar_v1.1_raw.txt") ?? folder.Require("WISDM_ar_v1.1_raw_repaired.txt");
        tally.Files++;
        var runs = new RunSplitter();
        using var text = new TextRecords(path, FieldSplit.Comma, tally) { LineTerminator = ';' };
        var numbers = new double[4];
        while (text.Next())
        {
            if (text.FieldCount != 6)
            {
                text.Refuse(Math.Min(text.FieldCount, 5), $"the line has {text.FieldCount} field(s); 6 are expected (user,activity,timestamp,x,y,z;)");
                continue;
            }
            if (UsedFields.Any(f => text.Field(f).Trim().IsEmpty))
            {
                tally.Remove("rows with a missing value");
                continue;
            }
            if (!text.TryReadNumbers([0, 3, 4, 5], numbers)) continue;
            if (runs.Add((int)numbers[0], [(float)numbers[1], (float)numbers[2], (float)numbers[3]], labels[text.Text(1)]) is { } finished)
                yield return finished;
        }
        if (runs.Finish() is { } last)
            yield return last;
    }
}
