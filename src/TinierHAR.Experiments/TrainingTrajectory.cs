using System.Globalization;
using nietras.SeparatedValues;
using TinierHAR.MLNet.Data;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Experiments;

/// <summary>
/// A run's per-epoch curve as a CSV in the columns of the authors' logged trajectories (<c>epoch, train_seconds,
/// train_loss, validation_loss, validation_accuracy, validation_weighted_f1, validation_macro_f1, learning_rate</c>),
/// so ours and theirs are read by the same code.
/// </summary>
public sealed class TrainingTrajectory
{
    private static readonly string[] Header =
    [
        "epoch", "train_seconds", "train_loss", "validation_loss", "validation_accuracy", "validation_weighted_f1", "validation_macro_f1", "learning_rate",
    ];

    private TrainingTrajectory(IReadOnlyList<EpochReport> epochs) => Epochs = epochs;

    /// <summary>The epochs, in order (<see cref="EpochReport.Seconds"/> and <see cref="EpochReport.IsBest"/> are not stored).</summary>
    public IReadOnlyList<EpochReport> Epochs { get; }

    /// <summary>The largest rise of the validation loss from one epoch to the next, as a ratio (1 when it never rises).</summary>
    public double LargestValidationRise => TrainingHistory.LargestRise(Epochs);

    /// <summary>The lowest validation loss and its epoch (the last one among equals, as the schedule keeps it).</summary>
    public (double Loss, int Epoch) BestValidation =>
        Epochs.Select(e => (e.ValidationLoss, e.Epoch)).MinBy(e => (e.ValidationLoss, -e.Epoch));

    /// <summary>The epoch whose weights training kept under <paramref name="metric"/>: the last of the lowest validation
    /// loss, or the first of the highest validation macro F1 (only a strictly higher one replaces it).</summary>
    public int KeptEpoch(EarlyStoppingMetric metric) => metric == EarlyStoppingMetric.ValidationMacroF1
        ? Epochs.MaxBy(e => (e.ValidationMacroF1, -e.Epoch))!.Epoch
        : BestValidation.Epoch;

    /// <summary>
    /// Runs side by side: epochs, best validation loss, largest epoch-to-epoch rise, then the training / validation
    /// loss at the given epochs (a dash where a run had stopped).
    /// </summary>
    public static string ComparisonMarkdown(IReadOnlyList<(string Name, TrainingTrajectory Trajectory)> runs, IReadOnlyList<int> epochs)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        text.AppendLine(invariant, $"| run | epochs | best validation loss (epoch) | largest rise | {string.Join(" | ", epochs.Select(e => $"epoch {e}: train / val"))} |");
        text.AppendLine(invariant, $"|---|---|---|---|{string.Concat(epochs.Select(_ => "---|"))}");
        foreach (var (name, trajectory) in runs)
        {
            var (loss, epoch) = trajectory.BestValidation;
            var cells = epochs.Select(e => trajectory.Epochs.FirstOrDefault(r => r.Epoch == e) is { } r
                ? string.Create(invariant, $"{r.TrainLoss:0.000} / {r.ValidationLoss:0.000}") : "–");
            text.AppendLine(string.Create(invariant, $"| {name} | {trajectory.Epochs.Count} | {loss:0.0000} ({epoch}) | ×{trajectory.LargestValidationRise:0.00} | {string.Join(" | ", cells)} |"));
        }
        return text.ToString();
    }

    /// <summary>Writes <paramref name="epochs"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, IEnumerable<EpochReport> epochs)
    {
        using var file = new AtomicFile(path);
        using (var writer = Sep.New(',').Writer(o => o with { CultureInfo = CultureInfo.InvariantCulture }).To(file.Stream, leaveOpen: true))
        {
            foreach (var e in epochs)
            {
                using var row = writer.NewRow();
                row["epoch"].Format(e.Epoch);
                row["train_seconds"].Set(e.TrainSeconds.ToString("0.###", CultureInfo.InvariantCulture));
                row["train_loss"].Set(e.TrainLoss.ToString("G9", CultureInfo.InvariantCulture));
                row["validation_loss"].Set(e.ValidationLoss.ToString("G9", CultureInfo.InvariantCulture));
                row["validation_accuracy"].Set(e.ValidationAccuracy.ToString("G7", CultureInfo.InvariantCulture));
                row["validation_weighted_f1"].Set(e.ValidationWeightedF1.ToString("G7", CultureInfo.InvariantCulture));
                row["validation_macro_f1"].Set(e.ValidationMacroF1.ToString("G7", CultureInfo.InvariantCulture));
                row["learning_rate"].Set(e.LearningRate.ToString("G6", CultureInfo.InvariantCulture));
            }
        }
        file.Commit();
    }

    /// <summary>Reads a trajectory (ours or the authors').</summary>
    public static TrainingTrajectory Read(string path)
    {
        using var reader = Sep.New(',').Reader(o => o with { CultureInfo = CultureInfo.InvariantCulture }).FromFile(path);
        var missing = Header.Where(h => !reader.Header.ColNames.Contains(h)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException($"{path}: not a training trajectory; column(s) {string.Join(", ", missing)} missing.");
        var epochs = new List<EpochReport>();
        foreach (var row in reader)
        {
            epochs.Add(new EpochReport(row["epoch"].Parse<int>(), row["train_loss"].Parse<double>(), row["validation_loss"].Parse<double>(),
                row["validation_accuracy"].Parse<double>(), row["validation_weighted_f1"].Parse<double>(), row["validation_macro_f1"].Parse<double>(),
                row["learning_rate"].Parse<double>(), row["train_seconds"].Parse<double>(), row["train_seconds"].Parse<double>(), IsBest: false));
        }
        return new TrainingTrajectory(epochs);
    }
}
