namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// Per-channel z-score: <c>x' = (x − Mean[c]) / Scale[c]</c>, where Scale is the standard deviation (plus any epsilon
/// the caller adds, as the authors' <c>std + eps</c>).
/// </summary>
/// <param name="Mean">Mean of each channel.</param>
/// <param name="Scale">Divisor of each channel; every value must be positive.</param>
public sealed record ChannelNormalization(float[] Mean, float[] Scale)
{
    /// <summary>Checks the statistics against the channel count.</summary>
    public void Validate(int channels)
    {
        OptionRules.Require(Mean.Length == channels && Scale.Length == channels, nameof(Mean),
            $"{Mean.Length} means and {Scale.Length} scales for {channels} channels.");
        OptionRules.Require(Scale.All(s => s > 0 && float.IsFinite(s)), nameof(Scale), "every scale must be a positive finite number.");
        OptionRules.Require(Mean.All(float.IsFinite), nameof(Mean), "every mean must be finite.");
    }

    /// <summary>
    /// Normalises time-major samples (C values per sample, one after another) into <paramref name="destination"/>, the
    /// same arithmetic as the graph's Sub and Div nodes.
    /// </summary>
    public void Apply(ReadOnlySpan<float> samples, Span<float> destination)
    {
        var channels = Mean.Length;
        if (samples.Length % channels != 0 || destination.Length < samples.Length)
            throw new ArgumentException($"{samples.Length} values are not whole samples of {channels} channels, or the destination is shorter.", nameof(samples));
        for (var i = 0; i < samples.Length; i++)
        {
            var c = i % channels;
            destination[i] = (samples[i] - Mean[c]) / Scale[c];
        }
    }
}
