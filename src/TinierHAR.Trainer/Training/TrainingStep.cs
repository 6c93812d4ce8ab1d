using TinierHAR.Trainer.Networks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Training;

/// <summary>
/// One optimiser step as the authors take it: forward in training mode (BatchNorm on batch statistics, its running
/// statistics updated), mean cross-entropy (optionally class-weighted), backward, AdamW. In the network's precision; the network must already be
/// in it (<see cref="ToPrecision"/>). Biases cancelled by a BatchNorm get a zero gradient, their true one, unless
/// <see cref="TinierHarTrainer.Options.ZeroCancelledBiasGradients"/> is off.
/// </summary>
internal sealed class TrainingStep : IDisposable
{
    private readonly HarNetwork network;
    private readonly Tensor? classWeights;
    private readonly nn.Module<Tensor, Tensor, Tensor> criterion;
    private readonly AdamWOptimizer optimizer;
    private readonly Parameter[] cancelledBiases;

    /// <summary>A step for <paramref name="network"/>; <paramref name="classWeights"/> (K values) weigh the cross-entropy, null for none.</summary>
    public TrainingStep(HarNetwork network, TinierHarTrainer.Options options, float[]? classWeights)
    {
        this.network = network;
        DType = ScalarTypeOf(options.Precision);
        this.classWeights = classWeights is { } w ? tensor(w).to_type(DType).DetachFromDisposeScope() : null;
        criterion = nn.CrossEntropyLoss(this.classWeights);
        optimizer = new AdamWOptimizer(network.parameters(), options.LearningRate, options.WeightDecay);
        cancelledBiases = options.ZeroCancelledBiasGradients ? network.CancelledBiases().Select(b => b.Bias).ToArray() : [];
    }

    /// <summary>The tensor type of the network, its inputs and its loss.</summary>
    public ScalarType DType { get; }

    /// <summary>The learning rate of the next step.</summary>
    public double LearningRate
    {
        get => optimizer.LearningRate;
        set => optimizer.LearningRate = value;
    }

    /// <summary>The optimiser, whose state a resumed run restores.</summary>
    public AdamWOptimizer Optimizer => optimizer;

    /// <summary>The loss function (for validation in the same precision).</summary>
    public nn.Module<Tensor, Tensor, Tensor> Criterion => criterion;

    /// <summary>Converts a network's parameters and buffers to <paramref name="precision"/>.</summary>
    public static void ToPrecision(HarNetwork network, TrainingPrecision precision)
    {
        if (precision != TrainingPrecision.Float32)
            network.to(ScalarTypeOf(precision));
    }

    /// <summary>The tensor type of a precision.</summary>
    public static ScalarType ScalarTypeOf(TrainingPrecision precision) =>
        precision == TrainingPrecision.Float64 ? ScalarType.Float64 : ScalarType.Float32;

    /// <summary>Trains on one mini-batch (<paramref name="x"/> (B, 1, T, C) of <see cref="DType"/>, <paramref name="y"/> class indices); returns its mean loss.</summary>
    public double Run(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        network.train();
        optimizer.ZeroGrad();
        var loss = criterion.forward(network.forward(x), y);
        loss.backward();
        foreach (var bias in cancelledBiases)
        {
            using var gradient = bias.grad;
            gradient?.zero_();
        }
        optimizer.Step();
        return loss.ToDouble();
    }

    public void Dispose()
    {
        optimizer.Dispose();
        criterion.Dispose();
        classWeights?.Dispose();
    }
}
