using TinierHAR.Trainer.Onnx;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Experiments;

/// <summary>One fold of a paper-protocol experiment: what was trained, how long it took and how well it tests.</summary>
public sealed record FoldResult
{
    /// <summary>Dataset key.</summary>
    public required string Dataset { get; init; }

    /// <summary>Architecture key: <c>tinierhar</c>, <c>tinyhar</c> or <c>deepconvlstm</c>.</summary>
    public required string Model { get; init; }

    /// <summary>1-based fold number.</summary>
    public required int Fold { get; init; }

    /// <summary>The fold's test subjects, space-separated (empty for shuffled slices).</summary>
    public required string TestSubjects { get; init; }

    /// <summary>Seed of initialisation, shuffling and the validation split.</summary>
    public required int Seed { get; init; }

    /// <summary>Training windows.</summary>
    public required int TrainWindows { get; init; }

    /// <summary>Validation windows.</summary>
    public required int ValidationWindows { get; init; }

    /// <summary>Test windows.</summary>
    public required int TestWindows { get; init; }

    /// <summary>Epochs run.</summary>
    public required int Epochs { get; init; }

    /// <summary>Epoch with the best validation loss (whose weights were tested).</summary>
    public required int BestEpoch { get; init; }

    /// <summary>Wall-clock seconds of the whole fold (loading, windowing, training, testing); for a run resumed from its
    /// state file, the epochs run before the interruption count with the seconds they took then.</summary>
    public required double Seconds { get; init; }

    /// <summary>Mean seconds per training epoch (training and validation pass).</summary>
    public required double SecondsPerEpoch { get; init; }

    /// <summary>Test accuracy.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Test F1 weighted by class support.</summary>
    public required double WeightedF1 { get; init; }

    /// <summary>Test macro F1.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Trainable parameters.</summary>
    public required long Parameters { get; init; }

    /// <summary>MACs of one window (ptflops convention, the authors' log).</summary>
    public required long Macs { get; init; }

    /// <summary>Training precision: <c>float32</c> or <c>float64</c>.</summary>
    public string Precision { get; init; } = PrecisionName(TrainingPrecision.Float32);

    /// <summary>How the biases a later layer cancels were trained: <c>zero</c> (their true gradient, the default) or
    /// <c>computed</c> (the rounding noise backpropagation gives them, as PyTorch does).</summary>
    public string CancelledBiases { get; init; } = CancelledBiasesName(true);

    /// <summary>Bytes of the trained model's ONNX file (null in rows written before it was recorded).</summary>
    public long? ModelBytes { get; init; }

    /// <summary>Single-window latency of the trained model in ONNX Runtime, one thread, median of 50 calls, in
    /// milliseconds on the machine that ran the fold (null in rows written before it was recorded).</summary>
    public double? LatencyMs { get; init; }

    /// <summary>Test windows per second of the float32 model, batches of <see cref="Int8Comparison.ThroughputBatch"/> on one thread (null unless int8 was compared).</summary>
    public double? WindowsPerSecond { get; init; }

    /// <summary>Test macro F1 of the int8 QDQ form of the model (null unless it was compared).</summary>
    public double? Int8MacroF1 { get; init; }

    /// <summary>Bytes of the int8 QDQ ONNX file (null unless it was compared).</summary>
    public long? Int8ModelBytes { get; init; }

    /// <summary>Single-window latency of the int8 model, measured as <see cref="LatencyMs"/> (null unless it was compared).</summary>
    public double? Int8LatencyMs { get; init; }

    /// <summary>Test windows per second of the int8 model, measured as <see cref="WindowsPerSecond"/> (null unless it was compared).</summary>
    public double? Int8WindowsPerSecond { get; init; }

    /// <summary>The largest rise of the validation loss from one epoch to the next, as a ratio (1: it never rose).</summary>
    public double LargestValidationRise { get; init; } = 1;

    /// <summary>The epochs of the run, when it ran in this process (not stored in the results file).</summary>
    public IReadOnlyList<EpochReport>? History { get; init; }

    /// <summary>The results file's name of a precision.</summary>
    public static string PrecisionName(TrainingPrecision precision) => precision == TrainingPrecision.Float64 ? "float64" : "float32";

    /// <summary>The results file's name of the cancelled-bias treatment.</summary>
    public static string CancelledBiasesName(bool zeroed) => zeroed ? "zero" : "computed";

    /// <summary>Whether this row is the run (dataset, model, fold, seed, precision, cancelled biases).</summary>
    public bool IsRun(string dataset, string model, int fold, int seed, string precision, string cancelledBiases) =>
        Dataset == dataset && Model == model && Fold == fold && Seed == seed && Precision == precision && CancelledBiases == cancelledBiases;

    /// <summary>
    /// How <paramref name="rerun"/> of this run differs from it in what a rerun must reproduce (windows, epochs, best epoch,
    /// and the test metrics as the results file keeps them, to four decimals, the int8 form's macro F1 included); empty
    /// when it reproduces it.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(FoldResult rerun)
    {
        ArgumentNullException.ThrowIfNull(rerun);
        static string Metric(double value) => value.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture);
        (string Name, string Committed, string Rerun)[] checks =
        [
            ("train/validation/test windows", $"{TrainWindows}/{ValidationWindows}/{TestWindows}", $"{rerun.TrainWindows}/{rerun.ValidationWindows}/{rerun.TestWindows}"),
            ("epochs (best)", $"{Epochs} ({BestEpoch})", $"{rerun.Epochs} ({rerun.BestEpoch})"),
            ("accuracy", Metric(Accuracy), Metric(rerun.Accuracy)),
            ("weighted F1", Metric(WeightedF1), Metric(rerun.WeightedF1)),
            ("macro F1", Metric(MacroF1), Metric(rerun.MacroF1)),
            ("int8 macro F1", Int8MacroF1 is { } int8 ? Metric(int8) : "none", rerun.Int8MacroF1 is { } rerunInt8 ? Metric(rerunInt8) : "none"),
        ];
        return checks.Where(c => c.Committed != c.Rerun).Select(c => $"{c.Name}: {c.Committed} committed, {c.Rerun} rerun").ToArray();
    }

    /// <summary>The run's name in file names: <c>{model}-fold{f}-seed{s}-{precision}[-computed]</c>.</summary>
    public string RunName => RunNameOf(Model, Fold, Seed, Precision, CancelledBiases);

    /// <summary>The <see cref="RunName"/> of a run not yet made: <paramref name="precision"/> and <paramref name="cancelledBiases"/>
    /// as <see cref="PrecisionName"/> and <see cref="CancelledBiasesName"/> write them.</summary>
    public static string RunNameOf(string model, int fold, int seed, string precision, string cancelledBiases) =>
        $"{model}-fold{fold}-seed{seed}-{precision}{(cancelledBiases == CancelledBiasesName(true) ? "" : "-" + cancelledBiases)}";
}
