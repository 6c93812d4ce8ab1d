using System.Globalization;
using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// MHEALTH: <c>mHealth_subject{1-10}.log</c> (tab-separated, 24 columns, gaps filled per file); all 23 signal columns
/// (ECG and magnetometers included) at 50 Hz; null (0) dropped. One segment per subject; 5 folds of two subjects.
/// </summary>
internal sealed class MhealthDataset : HarDataset
{
    /// <inheritdoc />
    public override string Key => "mhealth";

    /// <inheritdoc />
    public override string Name => "MHEALTH";

    /// <inheritdoc />
    public override double SamplingRateHz => 50;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } =
    [
        "chest_acc_x", "chest_acc_y", "chest_acc_z", "ecg_1", "ecg_2",
        .. new[] { "ankle", "arm" }.SelectMany(p => new[] { "acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z", "mag_x", "mag_y", "mag_z" }.Select(c => $"{p}_{c}")),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } =
    [
        "null", "Standing still", "Sitting and relaxing", "Lying down", "Walking", "Climbing stairs", "Waist bends forward",
        "Frontal elevation of arms", "Knees bending", "Cycling", "Jogging", "Running", "Jump front and back",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> DroppedLabels { get; } = ["null"];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(0, 5).Select(f => (IReadOnlyList<int>)[2 * f + 1, 2 * f + 2]).ToArray();

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var files = Enumerable.Range(1, 10).Select(s => (Subject: s, Path: folder.Find($"mHealth_subject{s}.log"))).Where(f => f.Path is not null).ToArray();
        folder.RequireAny(files.Length, "mHealth_subject1.log … mHealth_subject10.log");
        foreach (var (subject, path) in files)
        {
            var table = NumericTable.Read(path!, FieldSplit.Tab, Enumerable.Range(0, 24).ToArray(), tally, requiredFields: 24, emptyIsMissing: true);
            GapFilling.Fill(table.Values, table.Rows, table.Columns);
            var ids = new int[table.Rows];
            for (var r = 0; r < table.Rows; r++)
                ids[r] = table[r, 23] is var raw && raw is >= 0 and <= 12 && raw == MathF.Floor(raw) ? (int)raw : Recording.Unmapped;
            yield return new Recording(subject, subject.ToString(CultureInfo.InvariantCulture), table.Slice(0, 23), ids);
        }
    }
}
