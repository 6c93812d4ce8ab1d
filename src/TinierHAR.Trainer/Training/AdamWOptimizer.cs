using TinierHAR.Trainer.Native;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Training;

/// <summary>
/// AdamW (Loshchilov and Hutter; PyTorch's defaults β = (0.9, 0.999), ε = 1e-8) with the update written exactly as
/// TorchSharp 0.107's <c>optim.AdamW</c> writes it, so results are the same bits. TorchSharp's own passes temporary
/// scalars to libtorch (see <see cref="RootedScalars"/>) and failed intermittently under concurrent collections;
/// here every scalar is held until its call has returned.
/// </summary>
internal sealed class AdamWOptimizer : IDisposable
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    private readonly Parameter[] parameters;
    private readonly Tensor[] firstMoments;
    private readonly Tensor[] secondMoments;
    private readonly double weightDecay;

    public AdamWOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay)
    {
        this.parameters = parameters.ToArray();
        firstMoments = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        secondMoments = this.parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        LearningRate = learningRate;
        this.weightDecay = weightDecay;
    }

    /// <summary>The learning rate of the next step.</summary>
    public double LearningRate { get; set; }

    /// <summary>Steps taken (the bias corrections' exponent); set when a run resumes.</summary>
    public long Steps { get; set; }

    /// <summary>The first moments, then the second, one per parameter: the state a resumed run loads into.</summary>
    public IReadOnlyList<Tensor> Moments => [.. firstMoments, .. secondMoments];

    /// <summary>Zeroes the gradients that backward passes accumulate into.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in parameters)
        {
            using var gradient = parameter.grad;
            gradient?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        Steps++;
        var biasCorrection1 = 1 - Math.Pow(Beta1, Steps);
        var biasCorrection2 = 1 - Math.Pow(Beta2, Steps);
        using var decay = (1.0 - LearningRate * weightDecay).ToScalar();
        using var beta1 = Beta1.ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var oneMinusBeta1 = (1.0 - Beta1).ToScalar();
        using var oneMinusBeta2 = (1.0 - Beta2).ToScalar();
        using var epsilon = Epsilon.ToScalar();
        using var rootBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var negativeStepSize = (0.0 - LearningRate / biasCorrection1).ToScalar();
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var gradient = parameter.grad;
            if (gradient is null)
                continue;
            parameter.mul_(decay);
            firstMoments[i].mul_(beta1).add_(gradient, oneMinusBeta1);
            secondMoments[i].mul_(beta2).addcmul_(gradient, gradient, oneMinusBeta2);
            var denominator = secondMoments[i].sqrt().div_(rootBiasCorrection2).add_(epsilon, RootedScalars.One);
            parameter.addcdiv_(firstMoments[i], denominator, negativeStepSize);
        }
    }

    public void Dispose()
    {
        foreach (var moment in firstMoments.Concat(secondMoments))
            moment.Dispose();
    }
}
