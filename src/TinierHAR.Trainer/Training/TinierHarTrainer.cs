using Microsoft.ML;
using Microsoft.ML.Runtime;
using TinierHAR.MLNet;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;
using TinierHAR.Trainer.Checkpoints;
using TinierHAR.Trainer.Networks;
using TinierHAR.Trainer.Onnx;

namespace TinierHAR.Trainer.Training;

/// <summary>
/// Trains a HAR network (TinierHAR by default) on an IDataView of windows — a <c>Features</c> column of
/// <c>Vector&lt;Single, T, C&gt;</c> and a key-typed <c>Label</c> — with the paper's protocol, and returns a model made of
/// built-in ML.NET transformers (ONNX scoring, a stateless arg-max mapping, a value-to-key mapping), so that
/// <c>Score</c> (with class slot names) and <c>PredictedLabel</c> (a key with the label's values) follow ML.NET's
/// multiclass conventions and <c>mlContext.Model.Save</c>/<c>Load</c> work without TorchSharp.
/// </summary>
public sealed class TinierHarTrainer : IEstimator<TinierHarModel>
{
    /// <summary>Options of <see cref="TinierHarTrainer"/>; the defaults are the paper's protocol.</summary>
    public sealed class Options
    {
        /// <summary>The network and its options. Default: TinierHAR as in the paper.</summary>
        public HarNetworkOptions Network { get; set; } = new TinierHarOptions();

        /// <summary>Column of windows, <c>Vector&lt;Single, T, C&gt;</c>; another name than <c>Features</c> is copied to
        /// <c>Features</c> (the ONNX model's input) when scoring.</summary>
        public string FeatureColumnName { get; set; } = "Features";

        /// <summary>Key-typed label column.</summary>
        public string LabelColumnName { get; set; } = "Label";

        /// <summary>AdamW learning rate. Paper: 1e-3.</summary>
        public double LearningRate { get; set; } = 1e-3;

        /// <summary>AdamW weight decay. Paper: 0.01.</summary>
        public double WeightDecay { get; set; } = 0.01;

        /// <summary>Windows per mini-batch. Paper: 256.</summary>
        public int BatchSize { get; set; } = 256;

        /// <summary>Most epochs. Paper: 150.</summary>
        public int MaxEpochs { get; set; } = 150;

        /// <summary>Epochs without strict validation-loss improvement before the rate drops (the plateau rule of
        /// <see cref="LearningRateSchedule.Plateau"/>). Paper: 7.</summary>
        public int LearningRatePatience { get; set; } = 7;

        /// <summary>Factor applied to the rate when it drops on a plateau. Paper: 0.1.</summary>
        public double LearningRateFactor { get; set; } = 0.1;

        /// <summary>Epochs without improvement before stopping. Paper: 15.</summary>
        public int EarlyStoppingPatience { get; set; } = 15;

        /// <summary>How the learning rate changes between epochs. Paper: <see cref="LearningRateSchedule.Plateau"/>.</summary>
        public LearningRateSchedule LearningRateSchedule { get; set; } = LearningRateSchedule.Plateau;

        /// <summary>The validation figure that picks the kept epoch and stops training. Paper: <see cref="EarlyStoppingMetric.ValidationLoss"/>.</summary>
        public EarlyStoppingMetric EarlyStoppingMetric { get; set; } = EarlyStoppingMetric.ValidationLoss;

        /// <summary>Fraction of the training windows held out, at random, for validation (paper: 0.1); unused when
        /// <see cref="ValidationData"/> is given.</summary>
        public double ValidationFraction { get; set; } = 0.1;

        /// <summary>Validation windows given explicitly (same columns as the training data).</summary>
        public IDataView? ValidationData { get; set; }

        /// <summary>A column of the windows (e.g. Subject) whose values in <see cref="ValidationGroups"/> mark the
        /// validation windows: validation on held-out subjects instead of a random fraction.</summary>
        public string? ValidationGroupColumnName { get; set; }

        /// <summary>The group values (as text) held out for validation, with <see cref="ValidationGroupColumnName"/>; their
        /// windows validate in this order.</summary>
        public IReadOnlyList<string> ValidationGroups { get; set; } = [];

        /// <summary>Cross-entropy weight per class (K values), or null for none (paper).</summary>
        public float[]? ClassWeights { get; set; }

        /// <summary>Cross-entropy weights computed from the training windows instead of given in <see cref="ClassWeights"/>.
        /// Paper: <see cref="ClassWeighting.None"/>.</summary>
        public ClassWeighting ClassWeighting { get; set; } = ClassWeighting.None;

        /// <summary>Training-time augmentation (rotation of 3-axis sensors, scaling, jitter); null (paper) for none.</summary>
        public WindowAugmentation? Augmentation { get; set; }

        /// <summary>A checkpoint (.safetensors or .pth) to start from (fine-tuning), or null for a seeded random start.</summary>
        public string? InitialCheckpoint { get; set; }

        /// <summary>The floating-point type of training (the exported model is float32 either way). Float64 is the
        /// authors' choice and about twice as slow here; float32 (default) trains alike with
        /// <see cref="ZeroCancelledBiasGradients"/> on (see the README's training section).</summary>
        public TrainingPrecision Precision { get; set; } = TrainingPrecision.Float32;

        /// <summary>Give the biases that a later layer cancels (a convolution's before a BatchNorm, the attention score's
        /// before its softmax over time) their true gradient, zero, instead of the rounding noise that backpropagation
        /// computes for them (default on). The network and its parameters stay the authors'. In float64 the noise is far
        /// below AdamW's ε and the biases barely move; in float32 AdamW turns it into random steps of about the
        /// learning rate, which a BatchNorm's running mean, used in eval mode, follows only with a lag.</summary>
        public bool ZeroCancelledBiasGradients { get; set; } = true;

        /// <summary>Threads of libtorch's CPU kernels during training (libtorch's setting is process-wide); 0 (default)
        /// means half the logical cores, at least 1. libtorch's own default, every core with OpenMP threads that spin
        /// while they wait, made two trainings on a 2-core machine each 7x slower than one alone; with half the cores
        /// two trainings run at the speed of one (README, "Training on a shared machine"). A machine given to one
        /// training trains faster with every core (docs/training-fidelity.md, "Training speed").</summary>
        public int Threads { get; set; }

        /// <summary>Whether libtorch's freed memory stays in the process for the next step (glibc on Linux; process-wide,
        /// and the process's resident memory then stays at its peak). Default true: every step allocates the same
        /// tensors, and with glibc's defaults each step faulted their pages in again: TinierHAR's training pass took 2.1x
        /// as long here (docs/training-fidelity.md, "Training speed").</summary>
        public bool RetainNativeMemory { get; set; } = true;

        /// <summary>
        /// A file where training keeps its whole state after every epoch (weights, the best epoch's copy, AdamW's moments,
        /// the learning rate and schedule, libtorch's generator, the epochs so far), and resumes from when it exists:
        /// a run stopped by a crash, a kill or <see cref="TrainingHooks.Cancellation"/> continues after its last whole
        /// epoch and ends with the same model bytes as a run never stopped. The file names the run it belongs to (network,
        /// options, a hash of the windows), and another run refuses it. Fitting again once training has finished
        /// restores the finished run without training. Null (default): nothing is kept.
        /// </summary>
        public string? ResumeFile { get; set; }

        /// <summary>Seed of initialisation, shuffling, dropout and the validation split.</summary>
        public int Seed { get; set; } = 1;

        /// <summary>Another run's mini-batch order to replay, by <see cref="ValidationGroupColumnName"/> value (each window's
        /// name): per epoch, every training window once; epochs past the list shuffle with the seed.</summary>
        public IReadOnlyList<IReadOnlyList<string>>? BatchOrders { get; set; }
    }

    private readonly Options options;
    private readonly TrainingHooks hooks;

    /// <summary>Creates the trainer; see <see cref="TinierHarCatalog"/> for the catalog entry point.</summary>
    public TinierHarTrainer(Options options)
        : this(options, new TrainingHooks())
    {
    }

    private TinierHarTrainer(Options options, TrainingHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionRules.Require(options.BatchSize >= 1, nameof(Options.BatchSize), "must be at least 1.");
        OptionRules.Require(options.MaxEpochs >= 1, nameof(Options.MaxEpochs), "must be at least 1.");
        OptionRules.Require(options.LearningRate > 0, nameof(Options.LearningRate), "must be positive.");
        OptionRules.Require(options.Threads >= 0, nameof(Options.Threads), "must be 0 (half the cores) or a positive thread count.");
        OptionRules.Require(Enum.IsDefined(options.Precision), nameof(Options.Precision), "must be Float32 or Float64.");
        OptionRules.Require(Enum.IsDefined(options.LearningRateSchedule), nameof(Options.LearningRateSchedule), "must be Plateau or Cosine.");
        OptionRules.Require(Enum.IsDefined(options.EarlyStoppingMetric), nameof(Options.EarlyStoppingMetric), "must be ValidationLoss or ValidationMacroF1.");
        OptionRules.Require(Enum.IsDefined(options.ClassWeighting), nameof(Options.ClassWeighting), "must be None or InverseFrequency.");
        OptionRules.Require(options.ClassWeighting == ClassWeighting.None || options.ClassWeights is null, nameof(Options.ClassWeighting),
            $"computes the class weights; leave {nameof(Options.ClassWeights)} null or set {nameof(Options.ClassWeighting)} to None.");
        OptionRules.Require(options.LearningRateFactor is > 0 and <= 1, nameof(Options.LearningRateFactor), "must lie in (0, 1].");
        OptionRules.Require(options.ValidationData is not null || options.ValidationFraction is > 0 and < 1, nameof(Options.ValidationFraction), "must lie in (0, 1).");
        this.options = options;
        this.hooks = hooks;
    }

    /// <summary>This trainer, reporting progress to and cancelled by <paramref name="hooks"/>.</summary>
    /// <example><code>
    /// var trainer = ml.MulticlassClassification.Trainers.TinierHar("Label", "Features", maxEpochs: 40)
    ///     .WithHooks(new TrainingHooks { Progress = new EpochCallback(Console.WriteLine), Log = ml });
    /// </code></example>
    public TinierHarTrainer WithHooks(TrainingHooks hooks)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        return new TinierHarTrainer(options, hooks);
    }

    /// <summary>Trains the network and wraps its ONNX model in built-in transformers.</summary>
    public TinierHarModel Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (all, classNames, groups) = WindowReader.Read(input, options.FeatureColumnName, options.LabelColumnName, groupColumn: options.ValidationGroupColumnName);
        var (trainIndices, validation) = options.ValidationData is { } given
            ? (Enumerable.Range(0, all.Count).ToArray(), WindowReader.Read(given, options.FeatureColumnName, options.LabelColumnName, classNames.Count).Windows)
            : groups is not null
                ? SplitByGroups(all, groups, options.ValidationGroups, options.ValidationGroupColumnName!)
                : Split(all, options.ValidationFraction, options.Seed);
        var train = options.ValidationData is null ? all.Subset(trainIndices) : all; // given validation data: every input window trains, uncopied
        var batchOrders = options.BatchOrders is { } named ? BatchOrders(named, trainIndices, groups) : null;
        options.Augmentation?.Validate(all.Channels);
        OptionRules.Require(options.ClassWeights is null || options.ClassWeights.Length == classNames.Count, nameof(Options.ClassWeights),
            $"{options.ClassWeights?.Length} weights for {classNames.Count} classes.");

        using var channel = hooks.Log is { } context ? ((IHostEnvironment)context).Register(nameof(TinierHarTrainer)).Start("Training") : null;
        channel?.Info(MessageSensitivity.None, $"{options.Network.ArchitectureName}: {train.Count} training and {validation.Count} validation windows of "
            + $"{all.WindowLength} x {all.Channels}, {classNames.Count} classes ({string.Join(", ", classNames)})");
        Native.TorchSharpRuntime.EnsureLoaded();
        TorchSharp.torch.set_num_threads(options.Threads > 0 ? options.Threads : DefaultThreads);
        if (options.RetainNativeMemory)
            Native.NativeHeap.RetainFreedMemory();
        TorchSharp.torch.random.manual_seed(options.Seed); // initial weights come from the seed too
        using var network = HarNetwork.Create(options.Network, all.WindowLength, all.Channels, classNames.Count);
        TrainingStep.ToPrecision(network, options.Precision); // before a checkpoint arrives, so that float64 values stay float64
        if (options.InitialCheckpoint is { } checkpoint)
            CheckpointImporter.Load(network, checkpoint);
        var history = NetworkTraining.Train(network, train, validation, options, classNames, batchOrders, report =>
        {
            hooks.Progress?.Report(report);
            channel?.Info(MessageSensitivity.None, report.ToString());
        }, hooks.Cancellation);
        if (history.ResumedEpochs > 0)
            channel?.Info(MessageSensitivity.None, $"resumed after epoch {history.ResumedEpochs} from {options.ResumeFile}");
        channel?.Info(MessageSensitivity.None, $"best epoch {history.BestEpoch?.Epoch} of {history.Epochs.Count}{(history.StoppedEarly ? " (stopped early)" : "")}");

        var onnx = HarOnnxExporter.Export(network, new HarOnnxExportOptions { ClassNames = classNames });
        var chain = ScoringChain.Build(onnx, classNames, options.FeatureColumnName, input, options.Seed);
        return new TinierHarModel(chain, onnx, history, HarModelMetadata.Read(onnx));
    }

    /// <summary>Half the logical cores, at least one: room for a second training or the data pipeline beside this one.</summary>
    public static int DefaultThreads => Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>The authors' split: all windows shuffled with the seed, the first <c>int((1 − fraction)·n)</c> train
    /// (6,624 of 7,361 on HAPT fold 1), the rest validates.</summary>
    internal static (int[] Train, TrainingWindows Validation) Split(TrainingWindows all, double fraction, int seed)
    {
        var order = Enumerable.Range(0, all.Count).ToArray();
        new Random(seed).Shuffle(order);
        var trainCount = Math.Min(all.Count - 1, (int)(all.Count * (1 - fraction)));
        if (trainCount < 1)
            throw new ArgumentException($"{all.Count} window(s) cannot be split into training and validation windows.");
        return (order[..trainCount], all.Subset(order[trainCount..]));
    }

    /// <summary>Windows of the listed groups validate, group by group in the list's order (the validation loss, a plain
    /// mean of batch means, depends on which windows share a batch); the others train.</summary>
    private static (int[] Train, TrainingWindows Validation) SplitByGroups(TrainingWindows all, string[] groups, IReadOnlyList<string> held, string column)
    {
        var heldOut = held.ToHashSet(StringComparer.Ordinal);
        var byGroup = Enumerable.Range(0, all.Count).Where(i => heldOut.Contains(groups[i])).ToLookup(i => groups[i], StringComparer.Ordinal);
        var validation = held.Distinct(StringComparer.Ordinal).SelectMany(g => byGroup[g]).ToArray();
        var train = Enumerable.Range(0, all.Count).Where(i => !heldOut.Contains(groups[i])).ToArray();
        OptionRules.Require(validation.Length > 0 && train.Length > 0, nameof(Options.ValidationGroups), $"holding out {string.Join(", ", held)} of column "
            + $"'{column}' leaves {train.Length} training and {validation.Length} validation windows; both must be non-empty.");
        return (train, all.Subset(validation));
    }

    /// <summary>Each epoch's named order as positions among the training windows (<paramref name="trainIndices"/> of the input).</summary>
    private static int[][] BatchOrders(IReadOnlyList<IReadOnlyList<string>> named, int[] trainIndices, string[]? groups)
    {
        OptionRules.Require(groups is not null, nameof(Options.BatchOrders), $"names windows by {nameof(Options.ValidationGroupColumnName)}, which is not set.");
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < trainIndices.Length; i++)
            OptionRules.Require(position.TryAdd(groups![trainIndices[i]], i), nameof(Options.BatchOrders), $"training windows must have distinct names; '{groups[trainIndices[i]]}' is not.");
        return named.Select((epoch, e) =>
        {
            OptionRules.Require(epoch.Count == trainIndices.Length && epoch.Distinct(StringComparer.Ordinal).Count() == epoch.Count, nameof(Options.BatchOrders),
                $"epoch {e + 1} lists {epoch.Count} names ({epoch.Distinct(StringComparer.Ordinal).Count()} distinct); each of the {trainIndices.Length} training windows must appear once.");
            var unknown = epoch.FirstOrDefault(name => !position.ContainsKey(name));
            OptionRules.Require(unknown is null, nameof(Options.BatchOrders), $"epoch {e + 1} names '{unknown}', which is not a training window.");
            return epoch.Select(name => position[name]).ToArray();
        }).ToArray();
    }

    /// <summary>
    /// The input's columns with <c>Score</c> (float vector, class slot names) and <c>PredictedLabel</c> (a key with the
    /// class names as values) added, and a <c>Features</c> copy where the windows have another name: what the trained
    /// model produces. The window column must be a float vector and the label a key, as <see cref="Fit"/> requires.
    /// </summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => ScoringChain.OutputShape(inputSchema, options.FeatureColumnName, options.LabelColumnName);
}
