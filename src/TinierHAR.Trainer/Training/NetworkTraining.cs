using System.Diagnostics;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.Trainer.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Training;

/// <summary>
/// The paper's training protocol for one network: AdamW, shuffled mini-batches (the last partial batch kept),
/// mean cross-entropy (optionally class-weighted), validation every epoch driving <see cref="PaperSchedule"/>, and
/// the best-validation weights restored at the end. Deterministic for a given seed and data.
/// </summary>
public static class NetworkTraining
{
    /// <summary>Trains <paramref name="network"/> in place and returns the epoch history.</summary>
    public static TrainingHistory Train(HarNetwork network, TrainingWindows train, TrainingWindows validation, TinierHarTrainer.Options options,
        IReadOnlyList<string> classNames, Action<EpochReport>? onEpoch = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(options);
        if (train.Count == 0)
            throw new ArgumentException("There are no training windows.", nameof(train));
        if (validation.Count == 0)
            throw new ArgumentException("There are no validation windows.", nameof(validation));

        random.manual_seed(options.Seed);
        var shuffler = new Random(options.Seed);
        var augmenter = new Random(options.Seed + 1);
        using var weights = options.ClassWeights is { } w ? tensor(w) : null;
        using var criterion = nn.CrossEntropyLoss(weights);
        using var optimizer = new AdamWOptimizer(network.parameters(), options.LearningRate, options.WeightDecay);
        var schedule = new PaperSchedule(options.LearningRatePatience, options.EarlyStoppingPatience);
        var history = new TrainingHistory { TrainWindows = train.Count, ValidationWindows = validation.Count };
        var learningRate = options.LearningRate;
        Dictionary<string, Tensor>? best = null;
        var order = Enumerable.Range(0, train.Count).ToArray();

        try
        {
            for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                shuffler.Shuffle(order);
                network.train();
                double lossSum = 0;
                for (var start = 0; start < order.Length; start += options.BatchSize)
                {
                    cancellation.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var batch = train.Subset(order[start..Math.Min(start + options.BatchSize, order.Length)]);
                    options.Augmentation?.Apply(batch.Features, batch.Count, batch.WindowLength, batch.Channels, augmenter);
                    var (x, y) = ToTensors(batch);
                    optimizer.ZeroGrad();
                    var loss = criterion.forward(network.forward(x), y);
                    loss.backward();
                    optimizer.Step();
                    lossSum += loss.item<float>() * batch.Count;
                }

                var (validationLoss, macroF1) = Validate(network, validation, criterion, options.BatchSize, classNames);
                var decision = schedule.Observe(validationLoss);
                if (decision.KeepWeights)
                {
                    DisposeAll(best);
                    best = Snapshot(network);
                }
                var report = new EpochReport(epoch, lossSum / train.Count, validationLoss, macroF1, learningRate, clock.Elapsed.TotalSeconds, decision.KeepWeights);
                history.Add(report);
                onEpoch?.Invoke(report);

                if (decision.ReduceLearningRate)
                {
                    learningRate *= options.LearningRateFactor;
                    optimizer.LearningRate = learningRate;
                }
                if (decision.Stop)
                {
                    history.StoppedEarly = epoch < options.MaxEpochs;
                    break;
                }
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

    /// <summary>Mean loss and macro F1 of the network on <paramref name="windows"/>, in eval mode.</summary>
    private static (double Loss, double MacroF1) Validate(HarNetwork network, TrainingWindows windows, nn.Module<Tensor, Tensor, Tensor> criterion,
        int batchSize, IReadOnlyList<string> classNames)
    {
        network.eval();
        using var noGrad = no_grad();
        double lossSum = 0;
        var pairs = new List<(int, int)>(windows.Count);
        var all = Enumerable.Range(0, windows.Count).ToArray();
        for (var start = 0; start < windows.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = windows.Subset(all[start..Math.Min(start + batchSize, windows.Count)]);
            var (x, y) = ToTensors(batch);
            var logits = network.forward(x);
            lossSum += criterion.forward(logits, y).item<float>() * batch.Count;
            var predicted = logits.argmax(1).data<long>().ToArray();
            for (var i = 0; i < batch.Count; i++)
                pairs.Add((batch.Labels[i], (int)predicted[i]));
        }
        return (lossSum / windows.Count, HarMetrics.FromIndices(classNames, pairs).MacroF1);
    }

    private static (Tensor X, Tensor Y) ToTensors(TrainingWindows batch) =>
        (tensor(batch.Features, [batch.Count, 1, batch.WindowLength, batch.Channels]),
         tensor(batch.Labels.Select(l => (long)l).ToArray(), [batch.Count]));

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
