using System.Globalization;
using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// Daphnet Freezing of Gait: 17 fixed recordings <c>SxxRyy.txt</c> (whitespace; copies converted to CSV with a header
/// are read too), 9 accelerometer channels at 64 Hz, annotation 0 (not in the experiment) dropped, 1 no freeze, 2
/// freeze; one segment per file; 10 folds of one subject.
/// </summary>
internal sealed class DaphnetDataset : HarDataset
{
    private static readonly string[] Files =
    [
        "S01R01", "S01R02", "S02R01", "S02R02", "S03R01", "S03R02", "S03R03", "S04R01", "S05R01", "S05R02",
        "S06R01", "S06R02", "S07R01", "S07R02", "S08R01", "S09R01", "S10R01",
    ];

    /// <inheritdoc />
    public override string Key => "dg";

    /// <inheritdoc />
    public override string Name => "Daphnet FoG";

    /// <inheritdoc />
    public override double SamplingRateHz => 64;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } =
        new[] { "ankle", "leg", "trunk" }.SelectMany(s => new[] { $"{s}_acc_x", $"{s}_acc_y", $"{s}_acc_z" }).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } = ["not in experiment", "no freeze", "freeze"];

    /// <inheritdoc />
    public override IReadOnlyList<string> DroppedLabels { get; } = ["not in experiment"];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(1, 10).Select(s => (IReadOnlyList<int>)[s]).ToArray();

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        // The authors' root is the 'dataset' folder of the distribution; its parent is accepted too.
        var sub = Directory.Exists(Path.Combine(folder.Root, "dataset")) ? "dataset" : "";
        var present = Files.Select(f => (Name: f, Path: folder.Find(Path.Combine(sub, f + ".txt")))).Where(f => f.Path is not null).ToArray();
        folder.RequireAny(present.Length, "S01R01.txt … S10R01.txt");
        foreach (var (name, path) in present)
        {
            var table = NumericTable.Read(path!, FieldSplit.WhitespaceOrComma, Enumerable.Range(1, 10).ToArray(), tally, requiredFields: 11);
            var labels = new int[table.Rows];
            for (var r = 0; r < table.Rows; r++)
                labels[r] = table[r, 9] is var raw && raw is 0 or 1 or 2 ? (int)raw : Recording.Unmapped;
            var subject = int.Parse(name.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var run = int.Parse(name.AsSpan(4, 2), CultureInfo.InvariantCulture);
            yield return new Recording(subject, $"{subject}_{run}", table.Slice(0, 9), labels);
        }
    }
}
