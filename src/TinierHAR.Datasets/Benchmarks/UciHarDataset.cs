using System.Globalization;
using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// UCI-HAR from its <c>Inertial Signals</c> files: each row of <c>{signal}_{train|test}.txt</c> is one pre-cut window of
/// 128 samples (2.56 s at 50 Hz), matched by row to <c>subject_*.txt</c> and <c>y_*.txt</c>. Each window becomes its own
/// segment (<c>"{subject}_{row}"</c>, row 0-based within its file), train and test are merged and the segments ordered by
/// that key as text, so W = 128 gives back exactly the dataset's own windows. The train/test split is ignored.
/// </summary>
internal sealed class UciHarDataset : HarDataset
{
    private static readonly string[] Signals =
        ["body_acc_x", "body_acc_y", "body_acc_z", "body_gyro_x", "body_gyro_y", "body_gyro_z", "total_acc_x", "total_acc_y", "total_acc_z"];

    /// <inheritdoc />
    public override string Key => "uci";

    /// <inheritdoc />
    public override string Name => "UCI-HAR";

    /// <inheritdoc />
    public override double SamplingRateHz => 50;

    /// <inheritdoc />
    public override double WindowSeconds => 2.56;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames => Signals;

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } = ["WALKING", "WALKING_UPSTAIRS", "WALKING_DOWNSTAIRS", "SITTING", "STANDING", "LAYING"];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(0, 10).Select(f => (IReadOnlyList<int>)[3 * f + 1, 3 * f + 2, 3 * f + 3]).ToArray();

    private static readonly string[] Parts = ["train", "test"];

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var parts = Parts.Where(p => Directory.Exists(Path.Combine(folder.Root, p))).ToArray();
        folder.RequireAny(parts.Length, "train/Inertial Signals/…_train.txt, test/…");
        var segments = new List<(string Key, Recording Recording)>();
        foreach (var part in parts)
        {
            var subjects = NumericTable.Read(folder.Require(Path.Combine(part, $"subject_{part}.txt")), FieldSplit.Whitespace, [0], tally, headerAllowed: false);
            var classes = NumericTable.Read(folder.Require(Path.Combine(part, $"y_{part}.txt")), FieldSplit.Whitespace, [0], tally, headerAllowed: false);
            var signals = Signals.Select(s => NumericTable.Read(folder.Require(Path.Combine(part, "Inertial Signals", $"{s}_{part}.txt")), FieldSplit.Whitespace,
                Enumerable.Range(0, 128).ToArray(), tally, requiredFields: 128, headerAllowed: false)).ToArray();
            var rows = subjects.Rows;
            if (classes.Rows != rows || signals.Any(s => s.Rows != rows))
            {
                throw new InvalidDataException($"{Path.Combine(folder.Root, part)}: subject_{part}.txt has {rows} rows, y_{part}.txt {classes.Rows}, the signal files "
                    + $"{string.Join(", ", signals.Select(s => s.Rows))}; all must match.");
            }
            for (var r = 0; r < rows; r++)
            {
                var subject = (int)subjects[r, 0];
                var label = (int)classes[r, 0] is var y and >= 1 and <= 6 ? y - 1 : Recording.Unmapped;
                var values = new float[128 * Signals.Length];
                for (var t = 0; t < 128; t++)
                    for (var c = 0; c < Signals.Length; c++)
                        values[t * Signals.Length + c] = signals[c][r, t];
                var key = $"{subject.ToString(CultureInfo.InvariantCulture)}_{r.ToString(CultureInfo.InvariantCulture)}";
                segments.Add((key, new Recording(subject, key, values, Enumerable.Repeat(label, 128).ToArray())));
            }
        }
        foreach (var (_, recording) in segments.OrderBy(s => s.Key, StringComparer.Ordinal))
            yield return recording;
    }
}
