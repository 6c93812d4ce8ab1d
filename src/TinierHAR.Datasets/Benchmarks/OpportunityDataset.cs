using System.Globalization;
using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// OPPORTUNITY: <c>S{1-4}-ADL{1-5}.dat</c> and <c>S{1-4}-Drill.dat</c> (whitespace, 250 columns, "NaN" filled per file);
/// 77 channels (5 IMUs × acc, gyro, mag and both shoes × 16); label column 249 (1-based 250, ML_Both_Arms: the
/// authors' column names are shifted by one there, the index is right); null "Other" is class 0, nothing is dropped.
/// Session = 10 × subject + run (Drill = run 6).
/// </summary>
internal sealed class OpportunityDataset : HarDataset
{
    private static readonly int[] ChannelColumns =
        [.. Enumerable.Range(37, 9), .. Enumerable.Range(50, 9), .. Enumerable.Range(63, 9), .. Enumerable.Range(76, 9), .. Enumerable.Range(89, 9), .. Enumerable.Range(102, 32)];

    private const int LabelColumn = 249;

    private readonly LabelMap<int> labels;

    /// <summary>Creates the dataset description.</summary>
    public OpportunityDataset() => labels = new LabelMap<int>(LabelNames,
    [
        (0, "Other"), (406516, "Open Door 1"), (406517, "Open Door 2"), (404516, "Close Door 1"), (404517, "Close Door 2"),
        (406520, "Open Fridge"), (404520, "Close Fridge"), (406505, "Open Dishwasher"), (404505, "Close Dishwasher"),
        (406519, "Open Drawer 1"), (404519, "Close Drawer 1"), (406511, "Open Drawer 2"), (404511, "Close Drawer 2"),
        (406508, "Open Drawer 3"), (404508, "Close Drawer 3"), (408512, "Clean Table"), (407521, "Drink from Cup"), (405506, "Toggle Switch"),
    ]);

    /// <inheritdoc />
    public override string Key => "oppo";

    /// <inheritdoc />
    public override string Name => "Opportunity";

    /// <inheritdoc />
    public override double SamplingRateHz => 30;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } =
    [
        .. new[] { "BACK", "RUA", "RLA", "LUA", "LLA" }.SelectMany(u => new[] { "acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z", "mag_x", "mag_y", "mag_z" }.Select(c => $"{u}_{c}")),
        .. new[] { "L_SHOE", "R_SHOE" }.SelectMany(s => new[]
        {
            "euler_x", "euler_y", "euler_z", "nav_acc_x", "nav_acc_y", "nav_acc_z", "body_acc_x", "body_acc_y", "body_acc_z",
            "body_angvel_x", "body_angvel_y", "body_angvel_z", "nav_angvel_x", "nav_angvel_y", "nav_angvel_z", "compass",
        }.Select(c => $"{s}_{c}")),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } =
    [
        "Other", "Open Door 1", "Open Door 2", "Close Door 1", "Close Door 2", "Open Fridge", "Close Fridge", "Open Dishwasher",
        "Close Dishwasher", "Open Drawer 1", "Close Drawer 1", "Open Drawer 2", "Close Drawer 2", "Open Drawer 3", "Close Drawer 3",
        "Clean Table", "Drink from Cup", "Toggle Switch",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(1, 4).Select(s => (IReadOnlyList<int>)[s]).ToArray();

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var sub = Directory.Exists(Path.Combine(folder.Root, "dataset")) ? "dataset" : "";
        var files = (from subject in Enumerable.Range(1, 4)
                     from run in Enumerable.Range(1, 6)
                     let name = run == 6 ? $"S{subject}-Drill.dat" : $"S{subject}-ADL{run}.dat"
                     select (Subject: subject, Run: run, Path: folder.Find(Path.Combine(sub, name)))).Where(f => f.Path is not null).ToArray();
        folder.RequireAny(files.Length, "S1-ADL1.dat … S4-Drill.dat");
        foreach (var (subject, run, path) in files)
        {
            var table = NumericTable.Read(path!, FieldSplit.Whitespace, [.. ChannelColumns, LabelColumn], tally, requiredFields: 250, emptyIsMissing: true);
            GapFilling.Fill(table.Values, table.Rows, table.Columns);
            var ids = new int[table.Rows];
            for (var r = 0; r < table.Rows; r++)
                ids[r] = labels[(int)table[r, ChannelColumns.Length]];
            yield return new Recording(subject, (10 * subject + run).ToString(CultureInfo.InvariantCulture), table.Slice(0, ChannelColumns.Length), ids);
        }
    }
}
