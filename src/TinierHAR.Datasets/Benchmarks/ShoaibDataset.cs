using System.Globalization;
using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// Shoaib et al. 2014: <c>Participant_{1-10}.csv</c> (two header lines, then 5 positions × 14 columns); 60 channels
/// (acc, linear acc, gyro, mag per position) at 50 Hz, gaps filled per file; the label string is column 69, and the
/// raw typo "upsatirs" is mapped to upstairs. One segment per participant; 5 folds of two.
/// </summary>
internal sealed class ShoaibDataset : HarDataset
{
    private static readonly int[] ChannelColumns = [.. new[] { 1, 15, 29, 43, 57 }.SelectMany(start => Enumerable.Range(start, 12))];

    private const int LabelColumn = 69;

    private readonly LabelMap<string> labels;

    /// <summary>Creates the dataset description.</summary>
    public ShoaibDataset() => labels = new LabelMap<string>(LabelNames, [.. LabelNames.Select(n => (n, n)), ("upsatirs", "upstairs")], StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Key => "sho";

    /// <inheritdoc />
    public override string Name => "Shoaib";

    /// <inheritdoc />
    public override double SamplingRateHz => 50;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames { get; } = new[] { "Left_pocket", "Right_pocket", "Wrist", "Upper_arm", "Belt" }
        .SelectMany(p => new[] { "Ax", "Ay", "Az", "Lx", "Ly", "Lz", "Gx", "Gy", "Gz", "Mx", "My", "Mz" }.Select(c => $"{p}_{c}")).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } = ["walking", "standing", "jogging", "sitting", "biking", "upstairs", "downstairs"];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(0, 5).Select(f => (IReadOnlyList<int>)[2 * f + 1, 2 * f + 2]).ToArray();

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var files = Enumerable.Range(1, 10).Select(s => (Subject: s, Path: folder.Find($"Participant_{s}.csv"))).Where(f => f.Path is not null).ToArray();
        folder.RequireAny(files.Length, "Participant_1.csv … Participant_10.csv");
        foreach (var (subject, path) in files)
        {
            var values = new List<float>();
            var ids = new List<int>();
            var row = new float[ChannelColumns.Length];
            using (var text = new TextRecords(path!, FieldSplit.Comma, tally, skipLines: 2) { EmptyIsMissing = true })
            {
                while (text.Next())
                {
                    if (!text.TryReadNumbers(ChannelColumns, row, requiredFields: LabelColumn + 1)) continue;
                    values.AddRange(row);
                    ids.Add(labels[text.Text(LabelColumn)]);
                }
            }
            tally.Files++;
            var table = values.ToArray();
            GapFilling.Fill(table, ids.Count, ChannelColumns.Length);
            yield return new Recording(subject, subject.ToString(CultureInfo.InvariantCulture), table, ids.ToArray());
        }
    }
}
