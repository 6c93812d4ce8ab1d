using TinierHAR.Trainer.Training;

namespace TinierHAR.Experiments;

/// <summary>Options of one fold of <see cref="PaperExperiment"/>; the defaults are the paper's protocol.</summary>
public sealed class PaperExperimentOptions
{
    /// <summary>Options with <paramref name="recipe"/>'s training protocol, everything else at its default.</summary>
    public static PaperExperimentOptions For(TrainingRecipe recipe) => recipe switch
    {
        TrainingRecipe.Paper => new PaperExperimentOptions(),
        TrainingRecipe.WharArena => new PaperExperimentOptions
        {
            ValidationSubjectFraction = 0.2,
            BatchSize = 64,
            WeightDecay = 1e-4,
            LearningRateSchedule = LearningRateSchedule.Cosine,
            MaxEpochs = 100,
            EarlyStoppingMetric = EarlyStoppingMetric.ValidationMacroF1,
            EarlyStoppingPatience = 10,
            ClassWeighting = ClassWeighting.InverseFrequency,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe, "must be Paper or WharArena."),
    };

    /// <summary>Most epochs. Paper: 150.</summary>
    public int MaxEpochs { get; set; } = 150;

    /// <summary>Windows per mini-batch. Paper: 256.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Fraction of the training subjects' windows held out at random for validation. Paper: 0.1.</summary>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>
    /// Validate on whole training subjects instead of a random <see cref="ValidationFraction"/> of their windows: this
    /// fraction of them (rounded, at least one), drawn with the seed. Null (paper): windows at random. Leave-subjects-out
    /// datasets only.
    /// </summary>
    public double? ValidationSubjectFraction { get; set; }

    /// <summary>AdamW weight decay. Paper: 0.01.</summary>
    public double WeightDecay { get; set; } = 0.01;

    /// <summary>How the learning rate changes between epochs. Paper: the plateau rule.</summary>
    public LearningRateSchedule LearningRateSchedule { get; set; } = LearningRateSchedule.Plateau;

    /// <summary>The validation figure that picks the kept epoch and stops training. Paper: the loss.</summary>
    public EarlyStoppingMetric EarlyStoppingMetric { get; set; } = EarlyStoppingMetric.ValidationLoss;

    /// <summary>Epochs without improvement before stopping. Paper: 15.</summary>
    public int EarlyStoppingPatience { get; set; } = 15;

    /// <summary>Class weights of the cross-entropy. Paper: none.</summary>
    public ClassWeighting ClassWeighting { get; set; } = ClassWeighting.None;

    /// <summary>
    /// The validation windows, named <c>session:offset</c> (a recording of the training subjects and the window's first
    /// row counted from that recording's start), instead of a random <see cref="ValidationFraction"/>: another code's split
    /// reproduced window for window (the authors' own, written by <c>experiments/hapt/authors/split.py</c>). Each must
    /// name a training window; null: the random split. Leave-subjects-out datasets only.
    /// </summary>
    public IReadOnlyCollection<string>? ValidationWindows { get; set; }

    /// <summary>
    /// Another run's mini-batch order to replay: per epoch, every training window once, named as in
    /// <see cref="ValidationWindows"/> (which must be set: a replay needs that run's split too). Epochs past the list
    /// shuffle with the seed. <c>experiments/hapt/authors/replay.py</c> writes the authors' order.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>>? BatchOrders { get; set; }

    /// <summary>A state dict (.pth or .safetensors) to start from instead of the seeded initial weights and buffers.</summary>
    public string? InitialCheckpoint { get; set; }

    /// <summary>The network's dropout probability; null: the architecture's own (the paper's).</summary>
    public double? Dropout { get; set; }

    /// <summary>The floating-point type of training (the authors': float64).</summary>
    public TrainingPrecision Precision { get; set; } = TrainingPrecision.Float32;

    /// <summary>Zero the gradient of the biases a later layer cancels (see <see cref="TinierHarTrainer.Options.ZeroCancelledBiasGradients"/>).</summary>
    public bool ZeroCancelledBiasGradients { get; set; } = true;

    /// <summary>Window length T in samples; 0: the dataset's (the paper's).</summary>
    public int WindowLength { get; set; }

    /// <summary>Samples between window starts; 0: the dataset's, or half of <see cref="WindowLength"/> when that is set.</summary>
    public int WindowStep { get; set; }

    /// <summary>
    /// Also quantise the trained network to int8 (<see cref="Trainer.Onnx.Int8Comparison"/>, calibrated on the fold's training
    /// windows) and record its macro F1, bytes and speed beside the float32 model's.
    /// </summary>
    public bool CompareInt8 { get; set; }

    /// <summary>
    /// The results folder whose <c>evidence/</c> receives the run's test predictions and, for the small networks, its model
    /// bundle (<see cref="RunEvidence"/>); null: none are written.
    /// </summary>
    public string? EvidenceFolder { get; set; }

    /// <summary>The training's state file (see <see cref="TinierHarTrainer.Options.ResumeFile"/>): kept after every epoch and
    /// resumed from when it exists, so that a fold interrupted mid-training continues where it stopped; null: none.</summary>
    public string? ResumeFile { get; set; }

    /// <summary>Threads of libtorch's CPU kernels; 0: half the cores (see <see cref="TinierHarTrainer.Options.Threads"/>).</summary>
    public int Threads { get; set; }

    /// <summary>Whether freed libtorch memory stays in the process between steps (see
    /// <see cref="TinierHarTrainer.Options.RetainNativeMemory"/>); false measures glibc's defaults.</summary>
    public bool RetainNativeMemory { get; set; } = true;
}
