using System.Globalization;
using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// HMP / ADL wrist accelerometer (not a paper dataset): one trial per file,
/// <c>{Activity}/Accelerometer-YYYY-MM-DD-HH-MM-SS-{activity}-{volunteer}.txt</c>, lines <c>x y z</c> coded 0–63 for
/// −1.5…+1.5 g (converted to g), 32 Hz; the folder is the label; volunteers f1–f5 are subjects 1–5 and m1–m11 are
/// 6–16; each trial is one segment; one fold per volunteer.
/// </summary>
internal sealed class HmpDataset : HarDataset
{
    /// <inheritdoc />
    public override string Key => "hmp";

    /// <inheritdoc />
    public override string Name => "HMP (ADL wrist)";

    /// <inheritdoc />
    public override double SamplingRateHz => 32;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } = ["acc_x", "acc_y", "acc_z"];

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } =
    [
        "Brush_teeth", "Climb_stairs", "Comb_hair", "Descend_stairs", "Drink_glass", "Eat_meat", "Eat_soup", "Getup_bed",
        "Liedown_bed", "Pour_water", "Sitdown_chair", "Standup_chair", "Use_telephone", "Walk",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(1, 16).Select(s => (IReadOnlyList<int>)[s]).ToArray();

    /// <summary>Subject number of a volunteer code: f1–f5 → 1–5, m1–m11 → 6–16.</summary>
    public static int Subject(string volunteer) =>
        volunteer.Length >= 2 && int.TryParse(volunteer.AsSpan(1), CultureInfo.InvariantCulture, out var n)
            ? volunteer[0] switch { 'f' => n, 'm' => 5 + n, _ => -1 }
            : -1;

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var activities = LabelNames.Where(a => Directory.Exists(Path.Combine(folder.Root, a))).ToArray();
        folder.RequireAny(activities.Length, "Brush_teeth/ … Walk/ folders of Accelerometer-*.txt trials");
        foreach (var activity in activities)
        {
            var label = LabelNames.IndexOf(activity);
            foreach (var (name, path) in folder.List(activity).Where(f => f.Name.StartsWith("Accelerometer-", StringComparison.Ordinal) && f.Name.EndsWith(".txt", StringComparison.Ordinal)))
            {
                var volunteer = name[(name.LastIndexOf('-') + 1)..^4];
                var subject = Subject(volunteer);
                if (subject < 0)
                    throw new InvalidDataException($"{path}: the file name ends in '{volunteer}', not a volunteer code f1–f5 or m1–m11.");
                var table = NumericTable.Read(path, FieldSplit.Whitespace, [0, 1, 2], tally, requiredFields: 3, headerAllowed: false);
                var values = table.Values.Select(coded => -1.5f + coded / 63f * 3f).ToArray();
                yield return new Recording(subject, name[..^4], values, Enumerable.Repeat(label, table.Rows).ToArray());
            }
        }
    }
}
