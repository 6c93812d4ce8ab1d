using TinierHAR.Datasets.Formats.Mat;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// Skoda Mini Checkpoint, right arm: <c>right_classall_clean.mat</c>, its first variable (N × 71: label, then per sensor
/// an id, calibrated acc x, y, z and raw acc x, y, z); the 30 calibrated channels, every 3rd row (≈98 → 32.7 Hz; the
/// authors configure 33, so W = 132); null (32) dropped. One subject: 5 shuffled slices of windows (SOCV).
/// </summary>
internal sealed class SkodaDataset : HarDataset
{
    private readonly LabelMap<int> labels;

    /// <summary>Creates the dataset description.</summary>
    public SkodaDataset() => labels = new LabelMap<int>(LabelNames, Enumerable.Range(0, 11).Select(i => (i == 0 ? 32 : 47 + i, LabelNames[i])));

    /// <inheritdoc />
    public override string Key => "skodar";

    /// <inheritdoc />
    public override string Name => "Skoda (right arm)";

    /// <inheritdoc />
    public override double SamplingRateHz => 98.0 / 3;

    /// <inheritdoc />
    public override double ConfiguredRateHz => 33;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } =
        Enumerable.Range(1, 10).SelectMany(s => new[] { $"acc_x_{s}", $"acc_y_{s}", $"acc_z_{s}" }).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } =
    [
        "null", "write on notepad", "open hood", "close hood", "check gaps on the front door", "open left front door",
        "close left front door", "close both left door", "check trunk gaps", "open and close trunk", "check steering wheel",
    ];

    /// <inheritdoc />
    public override IReadOnlyList<string> DroppedLabels { get; } = ["null"];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Repeat((IReadOnlyList<int>)[], 5).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<int> Subjects { get; } = [1];

    /// <inheritdoc />
    public override FoldScheme FoldScheme => FoldScheme.ShuffledSlices;

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var path = folder.Require("right_classall_clean.mat");
        tally.Files++;
        var variables = MatFile.Read(path);
        // The authors take the first user variable, whatever its name (right_classall_clean in the original).
        var matrix = variables.FirstOrDefault(v => v.IsNumeric)
            ?? throw new InvalidDataException($"{path}: no numeric variable; the file holds {string.Join(", ", variables.Select(v => v.Name))}.");
        if (matrix.Columns != 71)
            throw new InvalidDataException($"{path}: variable '{matrix.Name}' has {matrix.Columns} columns; 71 are expected (label, then 10 sensors x 7).");
        var kept = (matrix.Rows + 2) / 3;
        tally.Remove("decimation to every 3rd row", matrix.Rows - kept);
        var values = new float[kept * 30];
        var ids = new int[kept];
        for (var i = 0; i < kept; i++)
        {
            var row = 3 * i;
            ids[i] = labels[(int)matrix[row, 0]];
            for (var s = 0; s < 10; s++)
                for (var axis = 0; axis < 3; axis++)
                    values[i * 30 + 3 * s + axis] = (float)matrix[row, 2 + 7 * s + axis];
        }
        yield return new Recording(1, "1", values, ids);
    }
}
