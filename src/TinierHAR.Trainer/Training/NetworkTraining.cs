using System.Diagnostics;
using System.Globalization;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.Trainer.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Training;

/// <summary>
/// The paper's training protocol for one network: AdamW, shuffled mini-batches (the last partial batch kept),
/// mean cross-entropy (optionally class-weighted), validation every epoch driving <see cref="PaperSchedule"/> (or a
/// cosine learning rate, <see cref="LearningRateSchedule"/>), and the best-validation weights restored at the end; in
/// float32 or float64 (<see cref="TrainingPrecision"/>).
/// Deterministic for a given seed and data.
/// </summary>
public static class NetworkTraining
{
    /// <summary>Trains <paramref name="network"/> in place and returns the epoch history; with <see cref="TrainingPrecision.Float64"/>
    /// the network is converted to float64 first and stays so (the ONNX exporter writes float32 either way).</summary>
    public static TrainingHistory Train(HarNetwork network, TrainingWindows train, TrainingWindows validation, TinierHarTrainer.Options options,
        IReadOnlyList<string> classNames, Action<EpochReport>? onEpoch = null, CancellationToken cancellation = default) =>
        Train(network, train, validation, options, classNames, batchOrders: null, onEpoch, cancellation);

    /// <summary>As the public overload; <paramref name="batchOrders"/>, where given, order the training windows of the
    /// first epochs (positions in <paramref name="train"/>) instead of the seeded shuffle: another run's mini-batches replayed.</summary>
    internal static TrainingHistory Train(HarNetwork network, TrainingWindows train, TrainingWindows validation, TinierHarTrainer.Options options,
        IReadOnlyList<string> classNames, IReadOnlyList<int[]>? batchOrders, Action<EpochReport>? onEpoch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        if (train.Count == 0)
            throw new ArgumentException("There are no training windows.", nameof(train));
        if (validation.Count == 0)
            throw new ArgumentException("There are no validation windows.", nameof(validation));

        var generator = random.manual_seed(options.Seed);
        var shuffler = new Random(options.Seed);
        var augmenter = new Random(options.Seed + 1);
        TrainingStep.ToPrecision(network, options.Precision);
        using var step = new TrainingStep(network, options, options.ClassWeighting == ClassWeighting.InverseFrequency
            ? InverseFrequencies(train, classNames.Count) : options.ClassWeights);
        var schedule = new PaperSchedule(options.LearningRatePatience, options.EarlyStoppingPatience, options.EarlyStoppingMetric);
        var cosine = options.LearningRateSchedule == LearningRateSchedule.Cosine;
        var history = new TrainingHistory { TrainWindows = train.Count, ValidationWindows = validation.Count };
        Dictionary<string, Tensor>? best = null;
        var order = Enumerable.Range(0, train.Count).ToArray();
        void NextOrder(int epoch)
        {
            if (batchOrders is not null && epoch <= batchOrders.Count)
                batchOrders[epoch - 1].CopyTo(order, 0);
            else
                shuffler.Shuffle(order);
        }

        var key = options.ResumeFile is null ? null : TrainingStateFile.KeyOf(network, train, validation, options, batchOrders);
        var finished = false;
        try
        {
            if (options.ResumeFile is { } resumeFile && File.Exists(resumeFile))
            {
                var state = TrainingStateFile.Load(resumeFile);
                best = Restore(state, key!, resumeFile, network, step, schedule, generator);
                // The seeded draws of the epochs already run, drawn again: they depend on the seed and counts alone.
                var scratch = options.Augmentation is null ? [] : new float[options.BatchSize * train.WindowLength * train.Channels];
                foreach (var report in state.Epochs)
                {
                    history.Add(report);
                    onEpoch?.Invoke(report);
                    NextOrder(report.Epoch);
                    if (options.Augmentation is not { } augmentation)
                        continue;
                    for (var start = 0; start < order.Length; start += options.BatchSize)
                        augmentation.Apply(scratch, Math.Min(options.BatchSize, order.Length - start), train.WindowLength, train.Channels, augmenter);
                }
                history.ResumedEpochs = state.Epochs.Count;
                finished = state.Finished;
                history.StoppedEarly = finished && state.Epochs.Count < options.MaxEpochs;
            }

            for (var epoch = history.Epochs.Count + 1; !finished && epoch <= options.MaxEpochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                if (cosine)
                    step.LearningRate = CosineRate(options.LearningRate, epoch, options.MaxEpochs);
                var learningRate = step.LearningRate;
                NextOrder(epoch);
                var batchLosses = new List<double>();
                for (var start = 0; start < order.Length; start += options.BatchSize)
                {
                    cancellation.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var batch = train.Subset(order[start..Math.Min(start + options.BatchSize, order.Length)]);
                    options.Augmentation?.Apply(batch.Features, batch.Count, batch.WindowLength, batch.Channels, augmenter);
                    var (x, y) = ToTensors(batch, step.DType);
                    batchLosses.Add(step.Run(x, y));
                }
                var trainSeconds = clock.Elapsed.TotalSeconds;

                var (validationLoss, metrics) = Validate(network, validation, step, options.BatchSize, classNames);
                var decision = schedule.Observe(validationLoss, metrics.MacroF1);
                if (decision.KeepWeights)
                {
                    DisposeAll(best);
                    best = Snapshot(network);
                }
                var report = new EpochReport(epoch, batchLosses.Average(), validationLoss, metrics.Accuracy, metrics.WeightedF1, metrics.MacroF1,
                    learningRate, trainSeconds, clock.Elapsed.TotalSeconds, decision.KeepWeights);
                history.Add(report);
                onEpoch?.Invoke(report);

                if (decision.ReduceLearningRate && !cosine)
                    step.LearningRate = learningRate * options.LearningRateFactor;
                history.StoppedEarly = decision.Stop && epoch < options.MaxEpochs;
                finished = decision.Stop || epoch == options.MaxEpochs;
                if (options.ResumeFile is { } file)
                    Save(file, key!, history, finished, schedule, step, network, best, generator);
            }

            using (no_grad())
            {
                foreach (var (name, tensor) in network.state_dict())
                    tensor.copy_(best![name]);
            }
            network.eval();
            return history;
        }
        finally
        {
            DisposeAll(best);
        }
    }

    /// <summary>PyTorch's <c>CosineAnnealingLR</c> to zero over <paramref name="maxEpochs"/>, stepped once an epoch: the rate of epoch <paramref name="epoch"/> (from 1).</summary>
    internal static double CosineRate(double initial, int epoch, int maxEpochs) =>
        initial * (1 + Math.Cos(Math.PI * (epoch - 1) / maxEpochs)) / 2;

    /// <summary><see cref="ClassWeighting.InverseFrequency"/>'s weights: n / (K · n_c), 0 for a class with no training window.</summary>
    internal static float[] InverseFrequencies(TrainingWindows train, int classes)
    {
        var counts = new int[classes];
        foreach (var label in train.Labels)
            counts[label]++;
        return counts.Select(n => n == 0 ? 0f : (float)((double)train.Count / ((double)classes * n))).ToArray();
    }

    /// <summary>
    /// The validation loss as the authors' schedule sees it, the plain mean of the batches' mean losses (a smaller
    /// last batch weighs as much as a full one), and the metrics of the predictions; in eval mode.
    /// </summary>
    private static (double Loss, HarMetrics Metrics) Validate(HarNetwork network, TrainingWindows windows, TrainingStep step,
        int batchSize, IReadOnlyList<string> classNames)
    {
        network.eval();
        using var noGrad = no_grad();
        var batchLosses = new List<double>();
        var pairs = new List<(int, int)>(windows.Count);
        var all = Enumerable.Range(0, windows.Count).ToArray();
        for (var start = 0; start < windows.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = windows.Subset(all[start..Math.Min(start + batchSize, windows.Count)]);
            var (x, y) = ToTensors(batch, step.DType);
            var logits = network.forward(x);
            batchLosses.Add(step.Criterion.forward(logits, y).ToDouble());
            var predicted = logits.argmax(1).data<long>().ToArray();
            for (var i = 0; i < batch.Count; i++)
                pairs.Add((batch.Labels[i], (int)predicted[i]));
        }
        return (batchLosses.Average(), HarMetrics.FromIndices(classNames, pairs));
    }

    private static (Tensor X, Tensor Y) ToTensors(TrainingWindows batch, ScalarType type)
    {
        var x = tensor(batch.Features, [batch.Count, 1, batch.WindowLength, batch.Channels]);
        return (type == x.dtype ? x : x.to_type(type), tensor(batch.Labels.Select(l => (long)l).ToArray(), [batch.Count]));
    }

    // The state file's tensor names: the network's and the best epoch's state dicts under a prefix, AdamW's moments by index.
    private const string NetworkPrefix = "network/", BestPrefix = "best/";

    private static string MomentName(int index) => string.Create(CultureInfo.InvariantCulture, $"moment/{index}");

    /// <summary>Writes the run's state after an epoch (<see cref="TrainingStateFile"/>).</summary>
    private static void Save(string path, KeyValuePair<string, string>[] key, TrainingHistory history, bool finished, PaperSchedule schedule,
        TrainingStep step, HarNetwork network, Dictionary<string, Tensor>? best, Generator generator)
    {
        using var generatorState = generator.get_state();
        var tensors = network.state_dict().Select(p => new KeyValuePair<string, Tensor>(NetworkPrefix + p.Key, p.Value))
            .Concat((best ?? []).Select(p => new KeyValuePair<string, Tensor>(BestPrefix + p.Key, p.Value)))
            .Concat(step.Optimizer.Moments.Select((m, i) => new KeyValuePair<string, Tensor>(MomentName(i), m)))
            .Append(new("generator", generatorState))
            .ToArray();
        new TrainingStateFile
        {
            RunKey = key,
            Epochs = history.Epochs,
            Finished = finished,
            Schedule = schedule.Capture(),
            OptimizerSteps = step.Optimizer.Steps,
            LearningRate = step.LearningRate,
            Tensors = tensors,
        }.Save(path);
    }

    /// <summary>Loads a saved state of this run (its key checked) into the network, optimiser, schedule and generator;
    /// returns the best epoch's weights (owned by the caller), or null where no epoch was kept.</summary>
    private static Dictionary<string, Tensor>? Restore(TrainingStateFile state, KeyValuePair<string, string>[] key, string path, HarNetwork network,
        TrainingStep step, PaperSchedule schedule, Generator generator)
    {
        var tensors = state.Tensors.ToDictionary(p => p.Key, p => p.Value);
        try
        {
            state.RequireKey(key, path);
            using (no_grad())
            {
                foreach (var (name, tensor) in network.state_dict())
                    tensor.copy_(tensors[NetworkPrefix + name]);
                var moments = step.Optimizer.Moments;
                for (var i = 0; i < moments.Count; i++)
                    moments[i].copy_(tensors[MomentName(i)]);
            }
            generator.set_state(tensors["generator"]);
            step.Optimizer.Steps = state.OptimizerSteps;
            step.LearningRate = state.LearningRate;
            schedule.Restore(state.Schedule);
            var best = tensors.Where(p => p.Key.StartsWith(BestPrefix, StringComparison.Ordinal)).ToDictionary(p => p.Key[BestPrefix.Length..], p => p.Value.clone());
            return best.Count > 0 ? best : null;
        }
        finally
        {
            foreach (var tensor in tensors.Values)
                tensor.Dispose();
        }
    }

    /// <summary>Copies of the network's parameters and buffers, owned by the caller.</summary>
    private static Dictionary<string, Tensor> Snapshot(HarNetwork network)
    {
        using var scope = NewDisposeScope();
        return network.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone().DetachFromDisposeScope());
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null) return;
        foreach (var tensor in tensors.Values) tensor.Dispose();
    }
}
