using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using TinierHAR.MLNet;
using TinierHAR.Trainer.Networks;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Training;

/// <summary>
/// Everything a training run carries from one epoch to the next, in one file (<see cref="TinierHarTrainer.Options.ResumeFile"/>):
/// the network's weights and buffers, the best epoch's copy, AdamW's moments and step count, the learning rate, the
/// schedule's counters, libtorch's generator (dropout) and the epochs so far. The seeded shuffles are not stored: they
/// are drawn again, as they depend only on the seed and the number of windows. The file also holds the run's key (network,
/// options, a hash of the windows), and a run resumes only from a file with its own key.
/// </summary>
internal sealed class TrainingStateFile
{
    private const string Magic = "TinierHAR training state";
    private const int Version = 1;

    /// <summary>What identifies the run, as (what, value) pairs in a fixed order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> RunKey { get; init; }

    /// <summary>The epochs run so far.</summary>
    public required IReadOnlyList<EpochReport> Epochs { get; init; }

    /// <summary>The schedule ended the run (early stopping or the epoch limit): nothing is left to train.</summary>
    public required bool Finished { get; init; }

    /// <summary>The schedule's counters after the last epoch.</summary>
    public required PaperSchedule.State Schedule { get; init; }

    /// <summary>AdamW's steps so far.</summary>
    public required long OptimizerSteps { get; init; }

    /// <summary>The learning rate of the next epoch.</summary>
    public required double LearningRate { get; init; }

    /// <summary>Tensors by name: <c>network/…</c>, <c>best/…</c>, <c>moment/i</c> (AdamW's first moments, then its second), <c>generator</c>.</summary>
    public required IReadOnlyList<KeyValuePair<string, Tensor>> Tensors { get; init; }

    /// <summary>The run's key: the network (architecture, every parameter's and buffer's name and shape), the options that
    /// shape training, and SHA-256 hashes of the training and validation windows.</summary>
    public static KeyValuePair<string, string>[] KeyOf(HarNetwork network, TrainingWindows train, TrainingWindows validation,
        TinierHarTrainer.Options options, IReadOnlyList<int[]>? batchOrders)
    {
        var invariant = CultureInfo.InvariantCulture;
        var augmentation = options.Augmentation is { } a
            ? string.Create(invariant, $"rotated {string.Join(' ', a.RotatedSensors.Select(s => string.Join(',', s)))} by ≤ {a.MaxRotationDegrees:R}°, scale {a.ScaleMin:R}–{a.ScaleMax:R}, jitter {a.JitterStandardDeviation:R}")
            : "none";
        return
        [
            new("network", $"{network.Options.ArchitectureName}: " + string.Join(", ", network.state_dict().Select(p => $"{p.Key} [{string.Join('x', p.Value.shape)}] {p.Value.dtype}"))),
            new("seed", options.Seed.ToString(invariant)),
            new("batch size", options.BatchSize.ToString(invariant)),
            new("max epochs", options.MaxEpochs.ToString(invariant)),
            new("learning rate", options.LearningRate.ToString("R", invariant)),
            new("weight decay", options.WeightDecay.ToString("R", invariant)),
            new("schedule", string.Create(invariant, $"patience {options.LearningRatePatience}, factor {options.LearningRateFactor:R}, stopping patience {options.EarlyStoppingPatience}")
                + (options.LearningRateSchedule == LearningRateSchedule.Plateau ? "" : $", {options.LearningRateSchedule}")
                + (options.EarlyStoppingMetric == EarlyStoppingMetric.ValidationLoss ? "" : $", stopping on {options.EarlyStoppingMetric}")),
            new("precision", options.Precision.ToString()),
            new("cancelled bias gradients", options.ZeroCancelledBiasGradients ? "zero" : "computed"),
            new("class weights", options.ClassWeights is { } w ? string.Join(' ', w.Select(v => v.ToString("R", invariant)))
                : options.ClassWeighting == ClassWeighting.None ? "none" : options.ClassWeighting.ToString()),
            new("augmentation", augmentation),
            new("batch orders", batchOrders is null ? "none" : $"{batchOrders.Count} epochs, {Hash(batchOrders.SelectMany(o => o).ToArray().AsSpan())}"),
            new("training windows", Describe(train)),
            new("validation windows", Describe(validation)),
        ];
    }

    /// <summary>Writes the state to <paramref name="path"/> whole or not at all (a temporary file renamed over it).</summary>
    public void Save(string path)
    {
        var temporary = path + ".tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using (var writer = new BinaryWriter(File.Create(temporary)))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(RunKey.Count);
            foreach (var (what, value) in RunKey)
            {
                writer.Write(what);
                writer.Write(value);
            }
            writer.Write(Epochs.Count);
            foreach (var e in Epochs)
            {
                writer.Write(e.Epoch);
                foreach (var value in (double[])[e.TrainLoss, e.ValidationLoss, e.ValidationAccuracy, e.ValidationWeightedF1, e.ValidationMacroF1, e.LearningRate, e.TrainSeconds, e.Seconds])
                    writer.Write(value);
                writer.Write(e.IsBest);
            }
            writer.Write(Finished);
            Schedule.Write(writer);
            writer.Write(OptimizerSteps);
            writer.Write(LearningRate);
            writer.Write(Tensors.Count);
            foreach (var (name, tensor) in Tensors)
            {
                writer.Write(name);
                writer.Write((int)tensor.dtype);
                writer.Write(tensor.shape.Length);
                foreach (var size in tensor.shape)
                    writer.Write(size);
                using var dense = tensor.contiguous();
                var bytes = dense.bytes;
                writer.Write(bytes.Length);
                writer.Write(bytes);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a state written by <see cref="Save"/>; its tensors are the caller's to dispose. The file must be one.</summary>
    public static TrainingStateFile Load(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        try
        {
            var (magic, version) = (reader.ReadString(), reader.ReadInt32());
            if (magic != Magic || version != Version)
                throw new InvalidDataException($"{nameof(TinierHarTrainer.Options.ResumeFile)} '{path}' is not a TinierHAR training state of version {Version}.");
            var key = Enumerable.Range(0, reader.ReadInt32()).Select(_ => new KeyValuePair<string, string>(reader.ReadString(), reader.ReadString())).ToArray();
            var epochs = Enumerable.Range(0, reader.ReadInt32()).Select(_ => new EpochReport(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(),
                reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadBoolean())).ToArray();
            var finished = reader.ReadBoolean();
            var schedule = PaperSchedule.State.Read(reader);
            var (steps, learningRate) = (reader.ReadInt64(), reader.ReadDouble());
            var tensors = new List<KeyValuePair<string, Tensor>>();
            for (var count = reader.ReadInt32(); tensors.Count < count;)
            {
                var name = reader.ReadString();
                var type = (ScalarType)reader.ReadInt32();
                var shape = Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadInt64()).ToArray();
                var bytes = reader.ReadBytes(reader.ReadInt32());
                var tensor = empty(shape, type);
                tensor.bytes = bytes;
                tensors.Add(new(name, tensor));
            }
            return new TrainingStateFile
            {
                RunKey = key,
                Epochs = epochs,
                Finished = finished,
                Schedule = schedule,
                OptimizerSteps = steps,
                LearningRate = learningRate,
                Tensors = tensors,
            };
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException($"{nameof(TinierHarTrainer.Options.ResumeFile)} '{path}' ends early: it is not a whole training state.", e);
        }
    }

    /// <summary>Refuses a state whose run key differs from <paramref name="key"/>, naming the first difference.</summary>
    public void RequireKey(IReadOnlyList<KeyValuePair<string, string>> key, string path)
    {
        var difference = key.Zip(RunKey).FirstOrDefault(p => p.First.Key != p.Second.Key || p.First.Value != p.Second.Value);
        OptionRules.Require(key.Count == RunKey.Count && difference.First.Key is null, nameof(TinierHarTrainer.Options.ResumeFile),
            difference.First.Key is null
                ? $"'{path}' holds the state of a run keyed otherwise ({RunKey.Count} entries, this run has {key.Count}); delete it to start afresh."
                : $"'{path}' holds the state of another run: its {difference.Second.Key} ('{difference.Second.Value}') differs from this run's ('{difference.First.Value}'); delete it to start afresh.");
    }

    private static string Describe(TrainingWindows windows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(windows.Features.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(windows.Labels.AsSpan()));
        return $"{windows.Count} x {windows.WindowLength} x {windows.Channels}, SHA-256 {Convert.ToHexString(hash.GetHashAndReset())}";
    }

    private static string Hash(ReadOnlySpan<int> values) => "SHA-256 " + Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(values)));
}
