namespace TinierHAR.MLNet.Complexity;

/// <summary>
/// Accumulates parameters and multiply-accumulate counts layer by layer for a batch of one window, following the
/// counting convention of ptflops (the counter behind the TinierHAR authors' complexity log):
/// <list type="bullet">
/// <item>module hooks: Conv = kernel·C_in/groups·C_out per output position plus one bias add per output element;
/// BatchNorm = 2 per element; ReLU = 1 per element; MaxPool = 1 per input element; Linear = in·out per row plus
/// one bias add per output element; RNN/GRU/LSTM = ptflops' gate formula per step and direction;</item>
/// <item>functional patches that ptflops applies at the same time, which count again whatever calls them:
/// <c>F.relu</c> (also called by every <c>nn.ReLU</c>), <c>F.max_pool2d</c> (also called by every
/// <c>nn.MaxPool2d</c>), <c>F.softmax</c> (also called by <c>nn.Softmax</c>) and <c>torch.bmm</c>.
/// Operators such as <c>+</c>, <c>*</c>, <c>torch.sum</c>, <c>torch.softmax</c> and Tanh are not counted.</item>
/// </list>
/// This reproduces all 42 rows (14 datasets x 3 models) of the authors' log exactly.
/// </summary>
internal sealed class ComplexityTally
{
    public long Parameters { get; private set; }

    /// <summary>MACs in the authors' (ptflops) convention.</summary>
    public long Macs { get; private set; }

    /// <summary>Multiply-accumulates of the weight products alone: convolutions, linear layers, recurrent matrices.</summary>
    public long PlainMacs { get; private set; }

    public void Conv2d(int inChannels, int outChannels, int kernel, int groups, long outputPositions, bool bias = true)
    {
        long weightMacs = (long)kernel * (inChannels / groups) * outChannels * outputPositions;
        Parameters += (long)outChannels * (inChannels / groups) * kernel + (bias ? outChannels : 0);
        Macs += weightMacs + (bias ? outChannels * outputPositions : 0);
        PlainMacs += weightMacs;
    }

    public void BatchNorm(int channels, long elements)
    {
        Parameters += 2L * channels;
        Macs += 2 * elements;
    }

    /// <summary>nn.ReLU: its module hook and the patched F.relu it calls both count the elements.</summary>
    public void Relu(long elements) => Macs += 2 * elements;

    /// <summary>nn.MaxPool2d: its module hook and the patched F.max_pool2d both count the input elements.</summary>
    public void MaxPool(long inputElements) => Macs += 2 * inputElements;

    /// <summary>F.softmax (or nn.Softmax, which calls it): one per input element.</summary>
    public void Softmax(long elements) => Macs += elements;

    /// <summary>torch.bmm of (n x k) by (k x m): n·k·m.</summary>
    public void BatchedMatMul(long n, long k, long m)
    {
        Macs += n * k * m;
        PlainMacs += n * k * m;
    }

    public void Linear(int inFeatures, int outFeatures, long rows, bool bias = true)
    {
        long weightMacs = rows * inFeatures * outFeatures;
        Parameters += (long)inFeatures * outFeatures + (bias ? outFeatures : 0);
        Macs += weightMacs + (bias ? rows * outFeatures : 0);
        PlainMacs += weightMacs;
    }

    /// <summary>A learned scalar (TinyHAR's gammas): parameters only.</summary>
    public void Scalar() => Parameters += 1;

    public void Recurrent(RecurrentCell cell, int inputSize, int hiddenSize, int layers, bool bidirectional, long steps)
    {
        var gates = cell == RecurrentCell.Gru ? 3 : 4;
        var directions = bidirectional ? 2 : 1;
        long perStep = 0;
        for (var layer = 0; layer < layers; layer++)
        {
            var input = layer == 0 ? inputSize : hiddenSize * directions;
            Parameters += directions * ((long)gates * hiddenSize * (input + hiddenSize) + 2L * gates * hiddenSize);
            PlainMacs += directions * steps * gates * hiddenSize * (long)(input + hiddenSize);
            perStep += (long)gates * hiddenSize * input + (long)gates * hiddenSize * hiddenSize + 2L * gates * hiddenSize
                + (cell == RecurrentCell.Gru ? 7L * hiddenSize : 10L * hiddenSize);
        }
        Macs += perStep * steps * directions;
    }
}
