using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// HAPT (Smartphone HAR with Postural Transitions), raw data: <c>RawData/acc_expEE_userUU.txt</c> with its
/// <c>gyro_</c> twin (joined side by side), labels from <c>labels.txt</c> (start..end inclusive, 0-based rows), 50 Hz,
/// 6 channels; unlabelled rows (id 0) dropped per window; 10 folds of 3 consecutive users.
/// </summary>
internal sealed class HaptDataset : HarDataset
{
    /// <inheritdoc />
    public override string Key => "hapt";

    /// <inheritdoc />
    public override string Name => "HAPT";

    /// <inheritdoc />
    public override double SamplingRateHz => 50;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } = ["acc_x", "acc_y", "acc_z", "gyro_x", "gyro_y", "gyro_z"];

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } =
    [
        "unlabelled", "WALKING", "WALKING_UPSTAIRS", "WALKING_DOWNSTAIRS", "SITTING", "STANDING", "LAYING",
        "STAND_TO_SIT", "SIT_TO_STAND", "SIT_TO_LIE", "LIE_TO_SIT", "STAND_TO_LIE", "LIE_TO_STAND",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> DroppedLabels { get; } = ["unlabelled"];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(0, 10).Select(f => (IReadOnlyList<int>)[3 * f + 1, 3 * f + 2, 3 * f + 3]).ToArray();

    /// <summary>The raw-data folder, relative to the root (the authors' root is this folder itself; both are accepted).</summary>
    private static string RawFolder(DatasetFolder folder) => Directory.Exists(Path.Combine(folder.Root, "RawData")) ? "RawData" : "";

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var raw = RawFolder(folder);
        var spans = ReadLabels(folder.Require(Path.Combine(raw, "labels.txt")), tally);
        var accFiles = folder.List(raw).Where(f => f.Name.StartsWith("acc_exp", StringComparison.Ordinal) && f.Name.EndsWith(".txt", StringComparison.Ordinal)).ToArray();
        folder.RequireAny(accFiles.Length, "acc_expEE_userUU.txt");
        // The authors loop over users 1..30 and pick each user's acc files.
        foreach (var user in Enumerable.Range(1, 30))
        {
            foreach (var (name, path) in accFiles.Where(f => f.Name.Contains($"user{user:00}", StringComparison.Ordinal)))
            {
                var experiment = int.Parse(name.AsSpan(7, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
                var acc = NumericTable.Read(path, FieldSplit.SingleSpace, [0, 1, 2], tally, requiredFields: 3, headerAllowed: false);
                var gyroPath = folder.Require(Path.Combine(raw, $"gyro_exp{experiment:00}_user{user:00}.txt"));
                var gyro = NumericTable.Read(gyroPath, FieldSplit.SingleSpace, [0, 1, 2], tally, requiredFields: 3, headerAllowed: false);
                if (acc.Rows != gyro.Rows)
                    throw new InvalidDataException($"{gyroPath}: {gyro.Rows} rows, but its accelerometer file '{path}' has {acc.Rows}; the two must have equal length.");
                var rows = acc.Rows;
                var values = new float[rows * 6];
                for (var r = 0; r < rows; r++)
                {
                    Array.Copy(acc.Values, r * 3, values, r * 6, 3);
                    Array.Copy(gyro.Values, r * 3, values, r * 6 + 3, 3);
                }
                var labels = new int[rows];
                foreach (var (exp, usr, activity, start, end) in spans)
                {
                    if (exp != experiment || usr != user) continue;
                    // Start and end are 0-based row positions, end inclusive (the authors' reading).
                    for (var r = Math.Max(0, start); r <= Math.Min(end, rows - 1); r++)
                        labels[r] = activity is >= 1 and <= 12 ? activity : Recording.Unmapped;
                }
                yield return new Recording(user, $"{user}_{experiment}", values, labels);
            }
        }
    }

    private static List<(int Experiment, int User, int Activity, int Start, int End)> ReadLabels(string path, DatasetReadTally tally)
    {
        var table = NumericTable.Read(path, FieldSplit.SingleSpace, [0, 1, 2, 3, 4], tally, requiredFields: 5, headerAllowed: false);
        return Enumerable.Range(0, table.Rows).Select(r => ((int)table[r, 0], (int)table[r, 1], (int)table[r, 2], (int)table[r, 3], (int)table[r, 4])).ToList();
    }
}
