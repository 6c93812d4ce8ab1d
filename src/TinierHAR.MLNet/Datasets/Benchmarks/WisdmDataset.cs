using System.Globalization;
using TinierHAR.MLNet.Datasets.Formats;

namespace TinierHAR.MLNet.Datasets.Benchmarks;

/// <summary>
/// WISDM Activity Prediction v1.1 (36 users, 20 Hz): one file of <c>user,activity,timestamp,x,y,z;</c> lines (the
/// trailing ';' stripped; the authors read <c>WISDM_ar_v1.1_raw_repaired.txt</c>, the official
/// <c>WISDM_ar_v1.1_raw.txt</c> is read where the repaired one is absent). Rows with a missing user, activity or axis
/// are removed (counted). Sessions are runs of consecutive rows of one user, numbered over the file.
/// </summary>
public sealed class WisdmDataset : HarDataset
{
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
    protected internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var path = File.Exists(Path.Combine(folder.Root, "WISDM_ar_v1.1_raw_repaired.txt")) || File.Exists(Path.Combine(folder.Root, "WISDM_ar_v1.1_raw_repaired.txt.gz"))
            ? folder.Require("WISDM_ar_v1.1_raw_repaired.txt")
            : folder.Find("WISDM_ar_v1.1_raw.txt") ?? folder.Require("WISDM_ar_v1.1_raw_repaired.txt");
        tally.Files++;
        var runs = new RunSplitter();
        using var text = new TextRecords(path, FieldSplit.Comma, tally);
        var axes = new double[3];
        while (text.Next())
        {
            if (text.FieldCount != 6)
            {
                if (!tally.SkipMalformed) throw text.Malformed(Math.Min(text.FieldCount, 5), $"the line has {text.FieldCount} field(s); 6 are expected (user,activity,timestamp,x,y,z;)");
                tally.Skip("malformed line", text.Malformed(0, $"{text.FieldCount} fields").Message);
                continue;
            }
            var z = text.Field(5).Trim().TrimEnd(';');
            if (text.Field(0).Trim().IsEmpty || text.Field(1).Trim().IsEmpty || text.Field(3).Trim().IsEmpty || text.Field(4).Trim().IsEmpty || z.IsEmpty)
            {
                tally.Remove("rows with a missing value");
                continue;
            }
            if (!text.TryReadNumbers([0, 3, 4], axes)) continue;
            if (!double.TryParse(z, NumberStyles.Float, CultureInfo.InvariantCulture, out var zValue))
            {
                if (!tally.SkipMalformed) throw text.Malformed(5, $"'{z.ToString()}' is not a number");
                tally.Skip("malformed line", text.Malformed(5, "not a number").Message);
                continue;
            }
            if (runs.Add((int)axes[0], [(float)axes[1], (float)axes[2], (float)zValue], labels[text.Text(1)]) is { } finished)
                yield return finished;
        }
        if (runs.Finish() is { } last)
            yield return last;
    }
}
