using TinierHAR.Datasets.Formats;

namespace TinierHAR.Datasets.Benchmarks;

/// <summary>
/// RecGym: <c>RecGym.csv</c> with a header (Subject, Position, Session, A_x … G_z, C_1, Workout); wrist rows only (the
/// other positions are removed, counted), rows with a missing value removed; 7 channels (acc, gyro, body capacitance)
/// at 20 Hz; "Null" is a class. Sessions are runs of one subject after filtering; subject 10 always trains.
/// </summary>
internal sealed class RecGymDataset : HarDataset
{
    private static readonly string[] Channels = ["A_x", "A_y", "A_z", "G_x", "G_y", "G_z", "C_1"];

    private readonly LabelMap<string> labels;

    /// <summary>Creates the dataset description.</summary>
    public RecGymDataset() => labels = new LabelMap<string>(LabelNames, LabelNames.Select(n => (n, n)));

    /// <inheritdoc />
    public override string Key => "recgym";

    /// <inheritdoc />
    public override string Name => "RecGym";

    /// <inheritdoc />
    public override double SamplingRateHz => 20;

    /// <inheritdoc />
    public override IReadOnlyList<string> ChannelNames => Channels;

    /// <inheritdoc />
    public override IReadOnlyList<string> LabelNames { get; } =
        ["Adductor", "ArmCurl", "BenchPress", "LegCurl", "LegPress", "Null", "Riding", "RopeSkipping", "Running", "Squat", "StairClimber", "Walking"];

    /// <inheritdoc />
    public override IReadOnlyList<IReadOnlyList<int>> Folds { get; } = Enumerable.Range(1, 9).Select(s => (IReadOnlyList<int>)[s]).ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<int> Subjects { get; } = Enumerable.Range(1, 10).ToArray();

    /// <inheritdoc />
    internal override IEnumerable<Recording> ReadRecordings(DatasetFolder folder, DatasetReadTally tally)
    {
        var path = folder.Require("RecGym.csv");
        tally.Files++;
        using var text = new TextRecords(path, FieldSplit.Comma, tally);
        if (!text.Next())
            throw new InvalidDataException($"{path}: the file is empty; a header with Subject, Position, {string.Join(", ", Channels)}, Workout is expected.");
        var header = Enumerable.Range(0, text.FieldCount).Select(text.Text).ToList();
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new InvalidDataException($"{path}:1: the column '{name}' is missing; the header is '{text.Line}'.");
        var (subjectColumn, positionColumn, workoutColumn) = (Column("Subject"), Column("Position"), Column("Workout"));
        var channelColumns = Channels.Select(Column).ToArray();
        var runs = new RunSplitter();
        var row = new float[Channels.Length];
        var subject = new double[1];
        while (text.Next())
        {
            if (text.FieldCount < header.Count)
            {
                text.Refuse(text.FieldCount, $"the line has {text.FieldCount} field(s); the header has {header.Count}");
                continue;
            }
            if (text.Text(positionColumn) != "wrist")
            {
                tally.Remove("rows of other positions than the wrist");
                continue;
            }
            if (text.Field(subjectColumn).Trim().IsEmpty || text.Field(workoutColumn).Trim().IsEmpty || channelColumns.Any(c => text.Field(c).Trim().IsEmpty))
            {
                tally.Remove("rows with a missing value");
                continue;
            }
            if (!text.TryReadNumbers([subjectColumn], subject) || !text.TryReadNumbers(channelColumns, row)) continue;
            if (runs.Add((int)subject[0], row, labels[text.Text(workoutColumn)]) is { } finished)
                yield return finished;
        }
        if (runs.Finish() is { } last)
            yield return last;
    }
}
