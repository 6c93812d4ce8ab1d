using TinierHAR.MLNet.Architectures;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Checkpoints;
using TinierHAR.Trainer.Networks;
using TorchSharp.PyBridge;

namespace TinierHAR.Trainer.Tests.Checkpoints;

[TestClass]
public sealed class CheckpointImporterTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Checkpoint_for_another_shape_lists_every_difference()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c9-t128-k6");
        // Five classes instead of six, LSTM instead of GRU, no attention: every kind of difference at once.
        using var network = new TinierHarNetwork(
            new TinierHarOptions { Recurrent = RecurrentKind.Lstm, Aggregation = TemporalAggregation.Mean }, 128, 9, 5);

        var error = Assert.ThrowsExactly<CheckpointMismatchException>(() => CheckpointImporter.Load(network, fixture.WeightsPath));

        CollectionAssert.Contains(error.Missing.ToList(), "lstm.weight_ih_l0");
        CollectionAssert.Contains(error.Unexpected.ToList(), "gru.weight_ih_l0");
        CollectionAssert.Contains(error.Unexpected.ToList(), "attention.weight");
        Assert.IsTrue(error.Misshaped.Any(m => m.StartsWith("classifier.0.weight: checkpoint [6, 32] vs network [5, 32]", StringComparison.Ordinal)), string.Join("; ", error.Misshaped));
        StringAssert.Contains(error.Message, fixture.WeightsPath);
    }

    [TestMethod]
    public void Pth_checkpoints_load_through_PyBridge()
    {
        // TorchSharp.PyBridge 1.4.4 (built against TorchSharp 0.103) writes and reads PyTorch's zip pickle format
        // with TorchSharp 0.107: a state dict saved as .pth round-trips into a fresh network bit for bit.
        using var source = new TinierHarNetwork(new TinierHarOptions(), 64, 3, 4);
        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"tinierhar-{Guid.NewGuid():N}.pth");
        source.save_py(path);
        try
        {
            using var target = new TinierHarNetwork(new TinierHarOptions(), 64, 3, 4);
            CheckpointImporter.Load(target, path);
            var expected = source.state_dict();
            foreach (var (name, tensor) in target.state_dict())
                Assert.IsTrue(tensor.equal(expected[name]).all().item<bool>(), name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestMethod]
    public void A_checkpoint_of_the_authors_training_wrapper_loads_without_its_model_prefix()
    {
        // The authors' experiment code saves model_builder's state dict, which holds the network as "model".
        using var source = new TinierHarNetwork(new TinierHarOptions(), 64, 3, 4);
        var wrapped = source.state_dict().ToDictionary(e => "model." + e.Key, e => e.Value);
        using var target = new TinierHarNetwork(new TinierHarOptions(), 64, 3, 4);

        CheckpointImporter.Load(target, wrapped);

        foreach (var (name, tensor) in target.state_dict())
            Assert.IsTrue(tensor.equal(source.state_dict()[name]).all().item<bool>(), name);
        var partly = new Dictionary<string, TorchSharp.torch.Tensor>(wrapped) { ["extra.weight"] = TorchSharp.torch.zeros(1) };
        var error = Assert.ThrowsExactly<CheckpointMismatchException>(() => CheckpointImporter.Load(target, partly));
        CollectionAssert.Contains(error.Unexpected.ToList(), "model.gru.weight_ih_l0", "the prefix is dropped only when every name has it");
    }

    [TestMethod]
    public void Unreadable_files_give_a_clear_error()
    {
        var directory = TestContext.TestRunResultsDirectory ?? Path.GetTempPath();
        var broken = Path.Combine(directory, $"broken-{Guid.NewGuid():N}.safetensors");
        var unknown = Path.ChangeExtension(broken, ".txt");
        File.WriteAllText(broken, "not a checkpoint");
        File.WriteAllText(unknown, "not a checkpoint");
        try
        {
            using var network = new TinierHarNetwork(new TinierHarOptions(), 64, 3, 4);
            StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => CheckpointImporter.Load(network, broken)).Message, broken);
            StringAssert.Contains(Assert.ThrowsExactly<NotSupportedException>(() => CheckpointImporter.Load(network, unknown)).Message, ".safetensors");
            Assert.ThrowsExactly<FileNotFoundException>(() => CheckpointImporter.Load(network, broken + ".absent"));
        }
        finally
        {
            File.Delete(broken);
            File.Delete(unknown);
        }
    }
}
