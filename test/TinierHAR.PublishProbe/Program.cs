using TinierHAR.MLNet.Architectures;
using TinierHAR.Trainer.Networks;
using TorchSharp;
using static TorchSharp.torch;

// Trains TinierHAR for a few AdamW steps on a fixed random batch and prints the losses; exit code 0 when the
// loss fell, so that a published copy of an application proves TorchSharp loads and trains there.
random.manual_seed(1);
using var network = new TinierHarNetwork(new TinierHarOptions(), 64, 6, 4);
using var x = randn(32, 1, 64, 6);
using var y = randint(0, 4, 32, ScalarType.Int64);
using var optimizer = optim.AdamW(network.parameters(), lr: 1e-2);
using var criterion = nn.CrossEntropyLoss();
var losses = new List<float>();
for (var step = 0; step < 5; step++)
{
    optimizer.zero_grad();
    using var loss = criterion.forward(network.forward(x), y);
    loss.backward();
    optimizer.step();
    losses.Add(loss.item<float>());
    Console.WriteLine($"step {step} loss {losses[^1]:F4}");
}
return losses[^1] < losses[0] ? 0 : 1;
