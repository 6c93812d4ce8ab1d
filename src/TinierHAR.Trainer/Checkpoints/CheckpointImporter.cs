using System.Collections;
using TinierHAR.MLNet.Checkpoints;
using TinierHAR.Trainer.Native;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Checkpoints;

/// <summary>
/// Loads PyTorch state dicts (from <c>.safetensors</c> with the library's own reader, or from <c>.pth</c>/<c>.pt</c>
/// pickles through TorchSharp.PyBridge) into our networks, whose module and parameter names are the PyTorch ones.
/// </summary>
public static class CheckpointImporter
{
    /// <summary>Reads every tensor of a checkpoint file, by name. The caller owns (disposes) the tensors.</summary>
    public static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        TorchSharpRuntime.EnsureLoaded();
        var extension = Path.GetExtension(path).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".safetensors" => SafeTensorsFile.ReadExact(path).ToDictionary(e => e.Key, e => tensor(e.Value.Values, e.Value.Shape)),
                ".pth" or ".pt" or ".bin" => ToDictionary(PyTorchUnpickler.UnpickleStateDict(path)),
                _ => throw new NotSupportedException(
                    $"Checkpoint '{path}': unknown extension '{extension}'; expected .safetensors, .pth, .pt or .bin."),
            };
        }
        catch (Exception e) when (e is not NotSupportedException and not InvalidDataException)
        {
            throw new InvalidDataException($"Checkpoint '{path}' could not be read as a PyTorch state dict: {e.Message}", e);
        }
    }

    /// <summary>Reads <paramref name="path"/> and loads it into <paramref name="module"/> (strict).</summary>
    public static void Load(nn.Module module, string path)
    {
        var stateDict = ReadStateDict(path);
        try
        {
            Load(module, stateDict, path);
        }
        finally
        {
            foreach (var tensor in stateDict.Values)
                tensor.Dispose();
        }
    }

    /// <summary>
    /// Copies <paramref name="stateDict"/> into <paramref name="module"/>'s parameters and buffers. Every name must
    /// match with the same shape; otherwise nothing is copied and a <see cref="CheckpointMismatchException"/>
    /// lists all differences. Values are converted to the module's dtype. A state dict whose every name starts with
    /// <c>model.</c> is read without it: the authors' training code saves the wrapper that holds the network as <c>model</c>.
    /// </summary>
    public static void Load(nn.Module module, IReadOnlyDictionary<string, Tensor> stateDict, string source = "state dict")
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(stateDict);
        var target = module.state_dict();
        stateDict = WithoutWrapperPrefix(stateDict, target.Keys);
        var missing = target.Keys.Where(k => !stateDict.ContainsKey(k)).ToList();
        var unexpected = stateDict.Keys.Where(k => !target.ContainsKey(k)).ToList();
        var misshaped = target.Keys.Where(stateDict.ContainsKey)
            .Where(k => !target[k].shape.SequenceEqual(stateDict[k].shape))
            .Select(k => $"{k}: checkpoint [{string.Join(", ", stateDict[k].shape)}] vs network [{string.Join(", ", target[k].shape)}]")
            .ToList();
        if (missing.Count + unexpected.Count + misshaped.Count > 0)
            throw new CheckpointMismatchException(source, missing, unexpected, misshaped);

        using var noGrad = no_grad();
        foreach (var (name, tensor) in target)
            tensor.copy_(stateDict[name]);
    }

    private static IReadOnlyDictionary<string, Tensor> WithoutWrapperPrefix(IReadOnlyDictionary<string, Tensor> stateDict, ICollection<string> target)
    {
        const string wrapper = "model.";
        return stateDict.Count > 0 && stateDict.Keys.All(k => k.StartsWith(wrapper, StringComparison.Ordinal)) && !target.Any(k => k.StartsWith(wrapper, StringComparison.Ordinal))
            ? stateDict.ToDictionary(e => e.Key[wrapper.Length..], e => e.Value, StringComparer.Ordinal)
            : stateDict;
    }

    private static Dictionary<string, Tensor> ToDictionary(Hashtable table)
    {
        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Value is not Tensor tensor)
                throw new InvalidDataException($"entry '{entry.Key}' is not a tensor (a full pickled model rather than a state dict?)");
            result.Add((string)entry.Key, tensor);
        }
        return result;
    }
}
