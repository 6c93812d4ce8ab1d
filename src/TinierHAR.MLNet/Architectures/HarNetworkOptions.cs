namespace TinierHAR.MLNet.Architectures;

/// <summary>
/// Describes one of the supported HAR networks. The input of every network is a batch of windows shaped
/// <c>(B, 1, T, C)</c>: T time steps of C sensor channels; the output is K class logits.
/// </summary>
public abstract class HarNetworkOptions
{
    /// <summary>Short, stable name of the architecture (used in metadata and on the command line).</summary>
    public abstract string ArchitectureName { get; }

    /// <summary>The architecture names, as <see cref="ArchitectureName"/> spells them.</summary>
    public static IReadOnlyList<string> Architectures { get; } = ["tinierhar", "tinyhar", "deepconvlstm"];

    /// <summary>The paper's default options of the architecture named <paramref name="architecture"/> (case-insensitive).</summary>
    public static HarNetworkOptions Create(string architecture) => architecture.ToLowerInvariant() switch
    {
        "tinierhar" => new TinierHarOptions(),
        "tinyhar" => new TinyHarOptions(),
        "deepconvlstm" => new DeepConvLstmOptions(),
        _ => throw new ArgumentException($"Unknown architecture '{architecture}'; the architectures are {string.Join(", ", Architectures)}.", nameof(architecture)),
    };

    /// <summary>
    /// Checks the options against a window length, channel count and class count, throwing an
    /// <see cref="ArgumentException"/> that names the offending option and the rule it breaks.
    /// </summary>
    public virtual void Validate(int windowLength, int channels, int classes)
    {
        OptionRules.Require(channels >= 1, nameof(channels), $"channels must be at least 1 (got {channels}).");
        OptionRules.Require(classes >= 2, nameof(classes), $"classes must be at least 2 (got {classes}).");
        OptionRules.Require(windowLength >= 1, nameof(windowLength), $"window length must be at least 1 (got {windowLength}).");
    }
}
