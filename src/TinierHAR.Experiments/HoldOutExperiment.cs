using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.MLNet.Normalization;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;
using TinierHAR.Trainer.Onnx;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Experiments;

/// <summary>
/// The quickstart's experiment (and the tool's <c>train</c>): the last three subjects (in name order) held out, or the
/// ones named; 2.56 s windows with 50 % overlap unless told otherwise, never across recordings; normalisation fitted on
/// the training windows; TinierHAR (or another network) with the paper's protocol; metrics on the held-out subjects.
/// </summary>
public sealed class HoldOutExperiment : IDisposable
{
    private HoldOutExperiment() { }

    /// <summary>The fitted chain: normalisation, then the TinierHAR model.</summary>
    public required TransformerChain<TinierHarModel> Model { get; init; }

    /// <summary>Metrics on the held-out subjects' windows.</summary>
    public required HarMetrics Metrics { get; init; }

    /// <summary>The windowing used for training and testing.</summary>
    public required SensorWindowingOptions Windowing { get; init; }

    /// <summary>Schema of the training windows (what the saved model takes).</summary>
    public required DataViewSchema WindowSchema { get; init; }

    /// <summary>What windowing did to the training and test samples.</summary>
    public required (WindowingReport Train, WindowingReport Test) Reports { get; init; }

    /// <summary>The held-out subjects.</summary>
    public required IReadOnlyList<string> HeldOutSubjects { get; init; }

    /// <summary>The training windows (key-typed labels), as the model was fitted on them.</summary>
    public required IDataView TrainWindows { get; init; }

    /// <summary>The held-out windows (key-typed labels) behind <see cref="Metrics"/>.</summary>
    public required IDataView TestWindows { get; init; }

    /// <summary>The source's channel units, where known.</summary>
    public IReadOnlyList<string>? ChannelUnits { get; init; }

    /// <summary>
    /// The trained network against its int8 QDQ form, calibrated on the training windows: macro F1, bytes and speed of
    /// each on the held-out windows.
    /// </summary>
    public Int8Comparison CompareInt8() => Int8Comparison.Measure(Model, TrainWindows, TestWindows);

    /// <summary>Disposes the trained model (its ONNX transformers keep their models in temporary files until then).</summary>
    public void Dispose() => Model.Dispose();

    /// <summary>Runs the experiment on <paramref name="source"/>.</summary>
    /// <param name="ml">The context.</param>
    /// <param name="source">The samples.</param>
    /// <param name="epochs">Most epochs.</param>
    /// <param name="seed">Training seed.</param>
    /// <param name="progress">Per-epoch progress.</param>
    /// <param name="network">The network (TinierHAR with the paper's defaults when null).</param>
    /// <param name="testSubjects">The held-out subjects; the last three in name order when null.</param>
    /// <param name="precision">Training precision.</param>
    /// <param name="threads">Training threads (0: half the cores).</param>
    /// <param name="windows">
    /// Window length, step or overlap, label rule and time handling (resampling, repeats, out-of-order rows, gaps); its
    /// rate is set to <paramref name="source"/>'s. Null: 2.56 s windows, 50 % overlap, majority labels, times in seconds.
    /// </param>
    public static HoldOutExperiment Run(MLContext ml, SampleSource source, int epochs, int seed, IProgress<EpochReport>? progress = null,
        HarNetworkOptions? network = null, IReadOnlyList<string>? testSubjects = null, TrainingPrecision precision = TrainingPrecision.Float32, int threads = 0,
        WindowSpec? windows = null)
    {
        var subjects = ml.Data.CreateEnumerable<SubjectRow>(source.Samples, reuseRowObject: true).Select(r => r.Subject).Distinct().Order(StringComparer.Ordinal).ToArray();
        if (testSubjects?.FirstOrDefault(s => !subjects.Contains(s)) is { } unknown)
            throw new ArgumentException($"Invalid test subject '{unknown}': the data's subjects are {string.Join(", ", subjects)}.", nameof(testSubjects));
        if (testSubjects is null && subjects.Length < 4)
            throw new ArgumentException($"The hold-out needs at least 4 subjects; the data has {subjects.Length}.", nameof(source));
        var heldOut = testSubjects?.ToArray() ?? subjects[^3..];
        if (heldOut.Length == 0 || heldOut.Length == subjects.Length)
            throw new ArgumentException("Invalid test subjects: name at least one, and leave at least one for training.", nameof(testSubjects));
        var trainSamples = ml.Data.FilterByCustomPredicate<SubjectRow>(source.Samples, s => heldOut.Contains(s.Subject));
        var testSamples = ml.Data.FilterByCustomPredicate<SubjectRow>(source.Samples, s => !heldOut.Contains(s.Subject));

        var windowing = new SensorWindowingOptions
        {
            Window = (windows ?? new WindowSpec { Seconds = 2.56, TimestampUnit = TimestampUnit.Seconds }) with { SamplingRateHz = source.Rate },
            ChannelColumnNames = source.Channels,
            LabelColumnName = source.Label,
            GroupColumnNames = source.Groups,
            TimestampColumnName = source.Time,
        };
        var trainView = ml.Data.WindowSensorSamples(trainSamples, windowing);
        var toKey = (source.ClassNames is { } names
            ? ml.Transforms.Conversion.MapValueToKey("Label", source.Label, keyData: ml.Data.LoadFromEnumerable(names.Select(n => new ClassName { Value = n })))
            : ml.Transforms.Conversion.MapValueToKey("Label", source.Label, keyOrdinality: Microsoft.ML.Transforms.ValueToKeyMappingEstimator.KeyOrdinality.ByValue))
            .Fit(trainView);
        var trainWindows = ml.Data.Cache(toKey.Transform(trainView));
        var testView = ml.Data.WindowSensorSamples(testSamples, windowing);
        var testWindows = ml.Data.Cache(toKey.Transform(testView));

        var model = ml.Transforms.NormalizeSensorChannels("Features")
            .Append(ml.MulticlassClassification.Trainers.TinierHar(new TinierHarTrainer.Options
            {
                Network = network ?? new TinierHarOptions(),
                MaxEpochs = epochs,
                Seed = seed,
                Precision = precision,
                Threads = threads,
            }).WithHooks(new TrainingHooks { Progress = progress }))
            .Fit(trainWindows);
        return new HoldOutExperiment
        {
            Model = model,
            Metrics = HarMetrics.Evaluate(model.Transform(testWindows)),
            Windowing = windowing,
            WindowSchema = trainWindows.Schema,
            TrainWindows = trainWindows,
            TestWindows = testWindows,
            Reports = (trainView.LastReport!, testView.LastReport!),
            HeldOutSubjects = heldOut,
            ChannelUnits = source.ChannelUnits,
        };
    }

    /// <summary>
    /// Saves the model bundle (the ML.NET model after the windowing, the window settings, channels, classes and
    /// normalisation, and the network) to <paramref name="path"/>, and returns its manifest.
    /// </summary>
    /// <param name="ml">The context.</param>
    /// <param name="path">The bundle's path.</param>
    /// <param name="subjectColumnName">The logs' own subject column, where the samples came from one, recorded for scoring.</param>
    public BundleManifest SaveBundle(MLContext ml, string path, string? subjectColumnName = null)
    {
        var manifest = BundleManifest.Create(Windowing, Metrics.ClassNames, ChannelUnits, ((ChannelNormalizer)Model.First()).Statistics) with { SubjectColumnName = subjectColumnName };
        HarModelBundle.Save(ml, Model, WindowSchema, manifest, path);
        return manifest;
    }

    private sealed class SubjectRow
    {
        public string Subject { get; set; } = "";
    }

    private sealed class ClassName
    {
        public string Value { get; set; } = "";
    }
}
