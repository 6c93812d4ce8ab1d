using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// PAMAP2 Protocol: <c>subject101.dat</c> … <c>subject109.dat</c> (whitespace, 54 columns, "NaN" for missing values,
/// filled per file), 18 channels (±16 g accelerometer and gyroscope of hand, chest, ankle); activity 0 dropped. The
/// files are joined and every 3rd row of the joined table is kept (100 → 33.3 Hz; the authors configure 33, so W =
/// 132): the count does not restart per file, so a file's phase depends on the lengths of the files before it.
/// </summary>
internal sealed class Pamap2Dataset : HarDataset
{
    private static readonly int[] ChannelColumns = [4, 5, 6, 10, 11, 12, 21, 22, 23, 27, 28, 29, 38, 39, 40, 44, 45, 46];

    private readonly LabelMap<int> labels;

    /// <summary>Creates the dataset description.</summary>
    public Pamap2Dataset() => labels = new LabelMap<int>(LabelNames,
        [(0, "other"), (1, "lying"), (2, "sitting"), (3, "standing"), (4, "walking"), (5, "running"), (6, "cycling"), (7, "nordic walking"),
         (12, "ascending stairs"), (13, "descending stairs"), (16, "vacuum cleaning"), (17, "ironing"), (24, "rope jumping")]);

    /// <inheritdoc />
    public override string Key => "pamap2";

    /// <inheritdoc />
    public override string Name => "PAMAP2";

    /// <inheritdoc />
    public override double SamplingRateHz => 100.0 / 3;

    /// <inheritdoc />
    public override double ConfiguredRateHz => 33;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } =
        new[] { "hand", "chest", "ankle" }.SelectMany(p => new[] { "acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z" }.Select(c => $"{p}_{c}")).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } =
    [
        "other", "lying", "sitting", "standing", "walking", "running", "cycling", "nordic walking", "ascending stairs",
        "descending stairs", "vacuum cleaning", "ironing", "rope jumping",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> DroppedLabels { get; } = ["other"];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(1, 9).Select(s => (IReadOnlyList<int>)[s]).ToArray();

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var sub = Directory.Exists(Path.Combine(folder.Root, "Protocol")) ? "Protocol" : "";
        // The authors join the files in directory-listing order, which the OS does not sort; we use name order.
        var present = Enumerable.Range(1, 9).Select(s => (Subject: s, Path: folder.Find(Path.Combine(sub, $"subject10{s}.dat")))).Where(f => f.Path is not null).ToArray();
        folder.RequireAny(present.Length, "subject101.dat … subject109.dat");
        long joinedRow = 0;
        foreach (var (subject, path) in present)
        {
            var table = NumericTable.Read(path!, FieldSplit.Whitespace, [1, .. ChannelColumns], tally, requiredFields: 54, emptyIsMissing: true);
            GapFilling.Fill(table.Values, table.Rows, table.Columns);
            // Keep global rows 0, 3, 6, … of the joined table.
            var first = (int)((3 - joinedRow % 3) % 3);
            var kept = Enumerable.Range(0, table.Rows).Where(r => r >= first && (r - first) % 3 == 0).ToArray();
            joinedRow += table.Rows;
            tally.Remove("decimation to every 3rd row", table.Rows - kept.Length);
            var values = new float[kept.Length * ChannelColumns.Length];
            var ids = new int[kept.Length];
            for (var i = 0; i < kept.Length; i++)
            {
                Array.Copy(table.Values, (long)kept[i] * table.Columns + 1, values, (long)i * ChannelColumns.Length, ChannelColumns.Length);
                ids[i] = labels[(int)table[kept[i], 0]];
            }
            yield return new Recording(subject, subject.ToString(System.Globalization.CultureInfo.InvariantCulture), values, ids);
        }
    }
}
