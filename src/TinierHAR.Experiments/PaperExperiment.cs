using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;
using TinierHAR.MLNet;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;
using TinierHAR.Datasets;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.MLNet.Normalization;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;
using TinierHAR.Trainer.Onnx;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Experiments;

/// <summary>
/// One fold of the TinierHAR paper's protocol on a benchmark dataset, as an ML.NET pipeline: the dataset's sample rows,
/// windows of W = 4 s (the dataset's own W) with a 50 % step and majority labels (the drop list applied after the
/// vote), a z-score fitted on every sample row of the training subjects, a random 10 % of their windows for validation,
/// the paper's training schedule, and accuracy / weighted F1 / macro F1 on the test subjects' windows.
/// </summary>
public static class PaperExperiment
{
    /// <summary>The authors' ε added to each standard deviation: float64 machine epsilon.</summary>
    public const float AuthorsEpsilon = 2.220446049250313e-16f;

    /// <summary>Runs fold <paramref name="fold"/> of <paramref name="dataset"/> (files under <paramref name="root"/>) for one
    /// architecture and seed; <paramref name="hooks"/> receive its epochs and may cancel it.</summary>
    public static FoldResult RunFold(MLContext ml, HarDataset dataset, string root, string architecture, int fold, int seed, PaperExperimentOptions? options = null,
        TrainingHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= new PaperExperimentOptions();
        var network = WithDropout(HarNetworkOptions.Create(architecture), options.Dropout);
        var clock = Stopwatch.StartNew();

        var testSubjects = dataset.TestSubjects(fold); // also checks the fold number, for either scheme
        var windowing = Windowing(dataset, options);
        var (trainSamples, trainWindows, testSamples, testWindows) = Split(ml, dataset, root, fold, seed, windowing);
        if (options.ValidationWindows is not null)
        {
            OptionRules.Require(dataset.FoldScheme == FoldScheme.LeaveSubjectsOut, nameof(options.ValidationWindows), $"{dataset.Name} folds are slices of shuffled windows, not subjects.");
            trainWindows = NamedWindows(ml, trainSamples, trainWindows, options.ValidationWindows, fold);
        }
        OptionRules.Require(options.BatchOrders is null || options.ValidationWindows is not null, nameof(options.BatchOrders),
            $"replays another run's batches, which needs its split: set {nameof(options.ValidationWindows)} too.");
        var validationSubjects = options.ValidationSubjectFraction is null ? null : ValidationSubjects(dataset, testSubjects, seed, options);
        var toClasses = ClassKeys(ml, dataset).Fit(trainWindows);
        var train = ml.Data.Cache(toClasses.Transform(trainWindows));
        var test = ml.Data.Cache(toClasses.Transform(testWindows));

        var trainer = new TinierHarTrainer(new TinierHarTrainer.Options
        {
            Network = network,
            Seed = seed,
            MaxEpochs = options.MaxEpochs,
            BatchSize = options.BatchSize,
            ValidationFraction = options.ValidationFraction,
            WeightDecay = options.WeightDecay,
            LearningRateSchedule = options.LearningRateSchedule,
            EarlyStoppingMetric = options.EarlyStoppingMetric,
            EarlyStoppingPatience = options.EarlyStoppingPatience,
            ClassWeighting = options.ClassWeighting,
            Precision = options.Precision,
            ZeroCancelledBiasGradients = options.ZeroCancelledBiasGradients,
            Threads = options.Threads,
            RetainNativeMemory = options.RetainNativeMemory,
            ValidationGroupColumnName = options.ValidationWindows is not null ? WindowNameColumnName
                : validationSubjects is not null ? DatasetSamplesDataView.SubjectColumnName : null,
            ValidationGroups = options.ValidationWindows?.ToArray() ?? validationSubjects ?? [],
            BatchOrders = options.BatchOrders,
            InitialCheckpoint = options.InitialCheckpoint,
            ResumeFile = options.ResumeFile,
        }).WithHooks(hooks ?? new TrainingHooks());
        using var model = ml.Transforms.NormalizeSensorChannels(new ChannelNormalizingOptions
        {
            Samples = trainSamples,
            SampleChannelColumnNames = dataset.ChannelNames,
            Epsilon = AuthorsEpsilon,
        }).Append(trainer).Fit(train);
        var scoredTest = model.Transform(test);
        var metrics = HarMetrics.Evaluate(scoredTest);
        var onnx = model.LastTransformer.OnnxModel;
        double latency;
        using (var scorer = new BatchedHarScorer(onnx, new BatchedHarScorerOptions { BatchSize = 1, IntraOpThreads = 1 }))
            latency = scorer.MeasureSingleWindowMilliseconds();

        var int8 = options.CompareInt8 ? Int8Comparison.Measure(model, train, test) : null;

        var history = model.LastTransformer.History;
        var complexity = ModelComplexity.Of(network, windowing.WindowLength, dataset.ChannelNames.Count, dataset.ClassNames.Count);
        var result = new FoldResult
        {
            Dataset = dataset.Key,
            Model = network.ArchitectureName,
            Fold = fold,
            Seed = seed,
            TestSubjects = string.Join(' ', testSubjects.Select(s => s.ToString(CultureInfo.InvariantCulture))),
            TrainWindows = history.TrainWindows,
            ValidationWindows = history.ValidationWindows,
            TestWindows = (int)metrics.Count,
            Epochs = history.Epochs.Count,
            BestEpoch = history.BestEpoch?.Epoch ?? 0,
            Seconds = clock.Elapsed.TotalSeconds + history.Epochs.Take(history.ResumedEpochs).Sum(e => e.Seconds),
            SecondsPerEpoch = history.Epochs.Average(e => e.Seconds),
            Accuracy = metrics.Accuracy,
            WeightedF1 = metrics.WeightedF1,
            MacroF1 = metrics.MacroF1,
            Parameters = complexity.Parameters,
            Macs = complexity.Macs,
            Precision = FoldResult.PrecisionName(options.Precision),
            CancelledBiases = FoldResult.CancelledBiasesName(options.ZeroCancelledBiasGradients),
            History = history.Epochs,
            LargestValidationRise = history.LargestValidationRise,
            ModelBytes = onnx.LongLength,
            LatencyMs = latency,
            WindowsPerSecond = int8?.FullPrecision.WindowsPerSecond,
            Int8MacroF1 = int8?.Quantized.MacroF1,
            Int8ModelBytes = int8?.Quantized.ModelBytes,
            Int8LatencyMs = int8?.Quantized.LatencyMs,
            Int8WindowsPerSecond = int8?.Quantized.WindowsPerSecond,
        };
        if (options.EvidenceFolder is { } evidence)
        {
            var predictions = Predictions(scoredTest, testSamples, metrics.ClassNames);
            RunEvidence.WritePredictions(RunEvidence.PredictionsPath(evidence, result.RunName), predictions);
            if (int8 is not null)
                RunEvidence.WritePredictions(RunEvidence.Int8PredictionsPath(evidence, result.RunName),
                    predictions.Select((p, i) => p with { Predicted = int8.Quantized.PredictedClasses[i] }));
            if (RunEvidence.KeepsBundle(result.Model))
                HarModelBundle.Save(ml, model, train.Schema, BundleManifest.Create(windowing, metrics.ClassNames, normalization: ((ChannelNormalizer)model.First()).Statistics),
                    RunEvidence.BundlePath(evidence, result.RunName));
        }
        return result;
    }

    /// <summary>
    /// The test windows of fold <paramref name="fold"/> as <see cref="RunFold"/> cuts them (with the paper's windows, or
    /// those of <paramref name="options"/>), in the same order, each with its name (<see cref="WindowPrediction.Window"/>)
    /// in a <c>WindowName</c> column: what a run's evidence is rescored on.
    /// </summary>
    public static IDataView TestWindows(MLContext ml, HarDataset dataset, string root, int fold, int seed, PaperExperimentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        ArgumentNullException.ThrowIfNull(dataset);
        var (_, _, samples, windows) = Split(ml, dataset, root, fold, seed, Windowing(dataset, options ?? new PaperExperimentOptions()));
        return WithNames(ml, samples, windows);
    }

    private static (IDataView TrainSamples, IDataView TrainWindows, IDataView TestSamples, IDataView TestWindows) Split(
        MLContext ml, HarDataset dataset, string root, int fold, int seed, SensorWindowingOptions windowing) =>
        dataset.FoldScheme == FoldScheme.LeaveSubjectsOut
            ? SubjectSplit(ml, dataset, root, dataset.TestSubjects(fold), windowing)
            : SliceSplit(ml, dataset, root, fold, seed, windowing);

    /// <summary>Each scored test window's name, true and predicted class, in order (one pass: each pass runs the network).</summary>
    private static List<WindowPrediction> Predictions(IDataView scored, IDataView samples, IReadOnlyList<string> classNames)
    {
        var starts = SessionStarts(samples);
        var columns = new[] { DatasetSamplesDataView.SessionColumnName, SensorWindowsDataView.FirstSampleIndexColumnName, DatasetSamplesDataView.LabelColumnName, ScoringChain.PredictedLabelName }
            .Select(name => scored.Schema[name]).ToArray();
        var predictions = new List<WindowPrediction>();
        using var cursor = scored.GetRowCursor(columns);
        var (getSession, getFirst, getLabel, getPredicted) = (cursor.GetGetter<ReadOnlyMemory<char>>(columns[0]), cursor.GetGetter<long>(columns[1]),
            cursor.GetGetter<uint>(columns[2]), cursor.GetGetter<uint>(columns[3]));
        ReadOnlyMemory<char> session = default;
        long first = 0;
        uint label = 0, predicted = 0;
        while (cursor.MoveNext())
        {
            getSession(ref session);
            getFirst(ref first);
            getLabel(ref label);
            getPredicted(ref predicted);
            predictions.Add(new WindowPrediction(WindowNameOf(session, first, starts), classNames[(int)label - 1], classNames[(int)predicted - 1]));
        }
        return predictions;
    }

    /// <summary>The row of <paramref name="samples"/> where each recording (session) starts: its windows' offsets count from there.</summary>
    private static Dictionary<string, long> SessionStarts(IDataView samples)
    {
        // A window's FirstSampleIndex counts rows of the sample view, whose recordings lie one after another.
        var starts = new Dictionary<string, long>(StringComparer.Ordinal);
        long row = 0;
        foreach (var session in samples.GetColumn<ReadOnlyMemory<char>>(DatasetSamplesDataView.SessionColumnName))
            starts.TryAdd(session.ToString(), row++);
        return starts;
    }

    private static string WindowNameOf(ReadOnlyMemory<char> session, long firstSampleIndex, Dictionary<string, long> starts) =>
        string.Create(CultureInfo.InvariantCulture, $"{session}:{firstSampleIndex - starts[session.ToString()]}");

    /// <summary>The windows with a <c>WindowName</c> column (<see cref="WindowNameOf"/>).</summary>
    private static IDataView WithNames(MLContext ml, IDataView samples, IDataView windows)
    {
        var starts = SessionStarts(samples);
        return ml.Data.Cache(ml.Transforms.CustomMapping<WindowPosition, WindowName>(
            (position, name) => name.Name = WindowNameOf(position.Session, position.FirstSampleIndex, starts), contractName: null)
            .Fit(windows).Transform(windows));
    }

    private static HarNetworkOptions WithDropout(HarNetworkOptions network, double? dropout)
    {
        switch (network, dropout)
        {
            case (_, null):
                break;
            case (TinierHarOptions tinierHar, { } p):
                tinierHar.Dropout = p;
                break;
            case (TinyHarOptions tinyHar, { } p):
                tinyHar.Dropout = p;
                break;
            case (DeepConvLstmOptions deepConvLstm, { } p):
                deepConvLstm.Dropout = p;
                break;
            default:
                OptionRules.Require(false, nameof(PaperExperimentOptions.Dropout), $"{network.ArchitectureName} has no dropout setting.");
                break;
        }
        return network;
    }

    /// <summary>The dataset's windows, or those of <paramref name="options"/> where it sets them.</summary>
    public static SensorWindowingOptions Windowing(HarDataset dataset, PaperExperimentOptions options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        var windowing = dataset.WindowingOptions();
        if (options.WindowLength > 0)
            (windowing.WindowLength, windowing.WindowSeconds, windowing.Step) = (options.WindowLength, null, Math.Max(1, options.WindowLength / 2));
        if (options.WindowStep > 0)
            windowing.Step = options.WindowStep;
        return windowing;
    }

    /// <summary>LOCV: the fold's subjects test; every other subject trains (and validates).</summary>
    private static (IDataView TrainSamples, IDataView TrainWindows, IDataView TestSamples, IDataView TestWindows) SubjectSplit(
        MLContext ml, HarDataset dataset, string root, IReadOnlyList<int> testSubjects, SensorWindowingOptions windowing)
    {
        var trainSubjects = dataset.Subjects.Except(testSubjects).ToArray();
        var trainSamples = ml.Data.LoadHarDataset(dataset, root, new DatasetLoadOptions { Subjects = trainSubjects });
        var testSamples = ml.Data.LoadHarDataset(dataset, root, new DatasetLoadOptions { Subjects = testSubjects });
        return (trainSamples, ml.Data.WindowSensorSamples(trainSamples, windowing), testSamples, ml.Data.WindowSensorSamples(testSamples, windowing));
    }

    /// <summary>SOCV (Skoda): every window shuffled with the seed and cut into equal slices (the last takes the
    /// remainder); the fold's slice tests; the z-score is fitted on the whole recording.</summary>
    private static (IDataView TrainSamples, IDataView TrainWindows, IDataView TestSamples, IDataView TestWindows) SliceSplit(
        MLContext ml, HarDataset dataset, string root, int fold, int seed, SensorWindowingOptions windowing)
    {
        var slices = dataset.Folds.Count;
        var samples = ml.Data.LoadHarDataset(dataset, root);
        var windows = ml.Data.Cache(ml.Data.WindowSensorSamples(samples, windowing));
        var starts = windows.GetColumn<long>(SensorWindowsDataView.FirstSampleIndexColumnName).ToArray();
        new Random(seed).Shuffle(starts);
        var size = starts.Length / slices;
        var test = starts[((fold - 1) * size)..(fold == slices ? starts.Length : fold * size)].ToHashSet();
        return (samples, Keep(ml, windows, s => !test.Contains(s)), samples, Keep(ml, windows, test.Contains));
    }

    /// <summary>
    /// The training subjects that validate (<see cref="PaperExperimentOptions.ValidationSubjectFraction"/>): that share of
    /// them, rounded half away from zero and at least one, the first after a shuffle of their ids with the seed.
    /// </summary>
    internal static string[] ValidationSubjects(HarDataset dataset, IReadOnlyList<int> testSubjects, int seed, PaperExperimentOptions options)
    {
        var share = options.ValidationSubjectFraction ?? throw new ArgumentException($"{nameof(options.ValidationSubjectFraction)} is not set.", nameof(options));
        OptionRules.Require(dataset.FoldScheme == FoldScheme.LeaveSubjectsOut, nameof(options.ValidationSubjectFraction), $"{dataset.Name} folds are slices of shuffled windows, not subjects.");
        OptionRules.Require(share is > 0 and < 1, nameof(options.ValidationSubjectFraction), $"is {share}; it must lie in (0, 1).");
        OptionRules.Require(options.ValidationWindows is null, nameof(options.ValidationSubjectFraction), $"and {nameof(options.ValidationWindows)} both choose the validation windows; set one.");
        var subjects = dataset.Subjects.Except(testSubjects).Order().ToArray();
        var count = (int)Math.Round(share * subjects.Length, MidpointRounding.AwayFromZero);
        OptionRules.Require(count >= 1 && count < subjects.Length, nameof(options.ValidationSubjectFraction), $"{share} of {subjects.Length} training subjects leaves none to validate or none to train.");
        new Random(seed).Shuffle(subjects);
        return subjects[..count].Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The column of a window's name (<see cref="WindowPrediction.Window"/>) in <see cref="TestWindows"/>.</summary>
    public const string WindowNameColumnName = "WindowName";

    /// <summary>
    /// The training windows with a <c>WindowName</c> column, <c>session:offset</c> (the window's first row counted from
    /// its recording's start), after checking that every one of <paramref name="validation"/> names one of them.
    /// </summary>
    private static IDataView NamedWindows(MLContext ml, IDataView samples, IDataView windows, IReadOnlyCollection<string> validation, int fold)
    {
        var named = WithNames(ml, samples, windows);
        var names = named.GetColumn<string>(WindowNameColumnName).ToHashSet(StringComparer.Ordinal);
        var unknown = validation.Where(n => !names.Contains(n)).ToArray();
        OptionRules.Require(unknown.Length == 0, nameof(PaperExperimentOptions.ValidationWindows),
            $"{unknown.Length} of the {validation.Count} named validation windows are no training window of fold {fold} (the first: '{unknown.FirstOrDefault()}').");
        return named;
    }

    private static IDataView Keep(MLContext ml, IDataView windows, Func<long, bool> keep) =>
        ml.Data.FilterByCustomPredicate<WindowStart>(windows, w => !keep(w.FirstSampleIndex));

    /// <summary>The window's label (a key over every label id) as a key over the kept classes, in id order.</summary>
    private static EstimatorChain<ValueToKeyMappingTransformer> ClassKeys(MLContext ml, HarDataset dataset) =>
        ml.Transforms.Conversion.MapKeyToValue("LabelName", DatasetSamplesDataView.LabelColumnName)
            .Append(ml.Transforms.Conversion.MapValueToKey(DatasetSamplesDataView.LabelColumnName, "LabelName",
                keyData: ml.Data.LoadFromEnumerable(dataset.ClassNames.Select(n => new ClassName { Value = n }))));

    private sealed class WindowPosition
    {
        public ReadOnlyMemory<char> Session { get; set; }

        public long FirstSampleIndex { get; set; }
    }

    private sealed class WindowName
    {
        [ColumnName(WindowNameColumnName)]
        public string Name { get; set; } = "";
    }

    private sealed class WindowStart
    {
        public long FirstSampleIndex { get; set; }
    }

    private sealed class ClassName
    {
        public string Value { get; set; } = "";
    }
}
