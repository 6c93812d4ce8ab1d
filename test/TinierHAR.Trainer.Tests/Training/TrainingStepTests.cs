using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Tests.Training;

[TestClass]
public sealed class TrainingStepTests
{
    public static IEnumerable<object[]> Architectures()
    {
        yield return [new TinierHarOptions()];
        yield return [new TinyHarOptions()];
        yield return [new DeepConvLstmOptions { Filters = 16, LstmUnits = 32 }];
    }

    /// <summary>A few AdamW steps on one fixed batch (the paper's optimiser) must lower the cross-entropy.</summary>
    [TestMethod]
    [DynamicData(nameof(Architectures))]
    public void A_few_training_steps_lower_the_loss(HarNetworkOptions options)
    {
        random.manual_seed(7);
        using var network = HarNetwork.Create(options, 64, 6, 4);
        network.train();
        using var x = randn(32, 1, 64, 6);
        using var y = randint(0, 4, 32, ScalarType.Int64);
        using var optimizer = optim.AdamW(network.parameters(), lr: 3e-3, weight_decay: 0.01);
        using var loss = nn.CrossEntropyLoss();

        var losses = new List<float>();
        for (var step = 0; step < 10; step++)
        {
            optimizer.zero_grad();
            using var value = loss.forward(network.forward(x), y);
            value.backward();
            optimizer.step();
            losses.Add(value.item<float>());
        }

        Assert.IsTrue(losses.All(float.IsFinite), string.Join(", ", losses));
        Assert.IsLessThan(losses[0], losses[^1], $"{options.ArchitectureName}: {string.Join(", ", losses)}");
    }
}
