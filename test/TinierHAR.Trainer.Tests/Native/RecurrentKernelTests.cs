using TinierHAR.Trainer.Native;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Tests.Native;

/// <summary>
/// TorchSharp's LSTM and GRU must follow their equations: libtorch 2.10's oneDNN LSTM kernel did not here (errors of
/// 0.03–0.6), so <see cref="TorchSharpRuntime"/> switches oneDNN off. These shapes failed with it on. The reference
/// arithmetic keeps its tensors in a dispose scope and sums through <see cref="RootedScalars.Plus"/>, never handing
/// libtorch a temporary scalar (see there).
/// </summary>
[TestClass]
public sealed class RecurrentKernelTests
{
    [TestMethod]
    public void OneDnn_is_switched_off()
    {
        TorchSharpRuntime.EnsureLoaded();
        Assert.IsFalse(LibTorchContext.IsOneDnnEnabled(TorchSharpRuntime.LibTorchCpuPath!));
    }

    [TestMethod]
    [DataRow(3, 2, 4, 2)]
    [DataRow(40, 40, 26, 16)]
    [DataRow(40, 16, 24, 6)]
    [DataRow(80, 24, 10, 6)]
    public void Lstm_follows_the_lstm_equations(int input, int hidden, int steps, int batch)
    {
        TorchSharpRuntime.EnsureLoaded();
        random.manual_seed(3);
        using var lstm = nn.LSTM(input, hidden, batchFirst: true);
        using var x = randn(batch, steps, input);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var actual = lstm.forward(x).Item1;

        var p = lstm.state_dict();
        var (h, c) = (zeros(batch, hidden), zeros(batch, hidden));
        var outputs = new List<Tensor>();
        for (var t = 0; t < steps; t++)
        {
            var gates = x[.., t, ..].matmul(p["weight_ih_l0"].t()).Plus(p["bias_ih_l0"]).Plus(h.matmul(p["weight_hh_l0"].t())).Plus(p["bias_hh_l0"]);
            var (i, f, g, o) = (gates.chunk(4, 1)[0].sigmoid(), gates.chunk(4, 1)[1].sigmoid(), gates.chunk(4, 1)[2].tanh(), gates.chunk(4, 1)[3].sigmoid());
            c = (f * c).Plus(i * g);
            h = o * c.tanh();
            outputs.Add(h);
        }
        var difference = stack(outputs, 1).Plus(actual.neg()).abs().max().item<float>();
        Assert.IsLessThanOrEqualTo(1e-5f, difference, $"LSTM {input}->{hidden}, {steps} steps, batch {batch}");
    }

    [TestMethod]
    [DataRow(40, 16, 24, 6)]
    [DataRow(72, 16, 32, 4)]
    public void Gru_follows_the_gru_equations(int input, int hidden, int steps, int batch)
    {
        TorchSharpRuntime.EnsureLoaded();
        random.manual_seed(4);
        using var gru = nn.GRU(input, hidden, batchFirst: true);
        using var x = randn(batch, steps, input);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var actual = gru.forward(x).Item1;

        var p = gru.state_dict();
        var h = zeros(batch, hidden);
        var outputs = new List<Tensor>();
        for (var t = 0; t < steps; t++)
        {
            var gi = x[.., t, ..].matmul(p["weight_ih_l0"].t()).Plus(p["bias_ih_l0"]);
            var gh = h.matmul(p["weight_hh_l0"].t()).Plus(p["bias_hh_l0"]);
            var r = gi.chunk(3, 1)[0].Plus(gh.chunk(3, 1)[0]).sigmoid();
            var z = gi.chunk(3, 1)[1].Plus(gh.chunk(3, 1)[1]).sigmoid();
            var n = gi.chunk(3, 1)[2].Plus(r * gh.chunk(3, 1)[2]).tanh();
            h = n.Plus(z * h.Plus(n.neg())); // (1 − z)·n + z·h
            outputs.Add(h);
        }
        var difference = stack(outputs, 1).Plus(actual.neg()).abs().max().item<float>();
        Assert.IsLessThanOrEqualTo(1e-5f, difference, $"GRU {input}->{hidden}, {steps} steps, batch {batch}");
    }
}
