using TinierHAR.Trainer.Networks;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Tests.Networks;

/// <summary>TinierHAR's pooling by pairs must be MaxPool (2,1) to the bit, forward and backward: ties (frequent after
/// ReLU, and wherever a sensor repeats a value) send the whole gradient to the first of the pair, as libtorch's
/// pooling kernel does.</summary>
[TestClass]
public sealed class TimePoolingTests
{
    [TestMethod]
    [DataRow(64, 4, 200)]
    [DataRow(48, 8, 100)]
    [DataRow(30, 8, 25)]
    public void Pooling_by_pairs_is_max_pool_forward_and_backward(int rows, int features, int steps)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(7);
        var values = (randn(rows, features, steps) * 2).round().relu(); // small integers: many ties, many zeros
        var gradient = randn(rows, features, steps / 2);
        var ties = values.narrow(2, 0, steps / 2 * 2).reshape(rows, features, steps / 2, 2).unbind(-1);
        Assert.IsGreaterThan(rows * features, (ties[0] == ties[1]).sum().item<long>(), "the input has ties to test");

        var (pooled, pooledGradient) = ForwardAndBackward(TimePooling.MaxOfPairs, values, gradient);
        var (expected, expectedGradient) = ForwardAndBackward(x => nn.functional.max_pool1d(x, 2, 2), values, gradient);

        CollectionAssert.AreEqual(expected.shape, pooled.shape);
        Assert.IsTrue(expected.equal(pooled).all().item<bool>(), "pooled values");
        Assert.IsTrue(expectedGradient.equal(pooledGradient).all().item<bool>(), "gradients, ties included");
    }

    private static (Tensor Output, Tensor Gradient) ForwardAndBackward(Func<Tensor, Tensor> pool, Tensor values, Tensor gradient)
    {
        var input = values.clone().requires_grad_(true);
        var output = pool(input);
        output.backward([gradient]);
        return (output.detach(), input.grad!);
    }
}
