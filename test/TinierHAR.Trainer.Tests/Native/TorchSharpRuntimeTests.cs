using System.Security.Cryptography;
using TinierHAR.Trainer.Native;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Tests.Native;

[TestClass]
public sealed class TorchSharpRuntimeTests
{
    private static string? MappedLibTorchSharp() => File.ReadLines("/proc/self/maps")
        .Select(l => l.IndexOf('/') is var i and >= 0 ? l[i..] : "")
        .FirstOrDefault(p => p.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal));

    [TestMethod]
    public void TorchSharp_loads_and_computes()
    {
        TorchSharpRuntime.EnsureLoaded();
        using var x = tensor(new float[] { 1, 2, 3 });
        Assert.AreEqual(14f, (x * x).sum().item<float>());
    }

    [TestMethod]
    public void The_patched_copy_is_used_exactly_when_libstdcxx_lacks_the_version()
    {
        if (!OperatingSystem.IsLinux())
            Assert.Inconclusive("Skipped: the libstdc++ version fix concerns Linux only.");
        TorchSharpRuntime.EnsureLoaded();
        using var warmUp = ones(1);

        var systemHasVersion = File.ReadLines("/proc/self/maps")
            .Select(l => l.IndexOf('/') is var i and >= 0 ? l[i..] : "")
            .Where(p => Path.GetFileName(p).StartsWith("libstdc++.so", StringComparison.Ordinal))
            .Distinct()
            .Any(p => ElfVersionNeeds.Parse(File.ReadAllBytes(p), p).DefinedVersions().Contains("GLIBCXX_3.4.32"));
        var mapped = MappedLibTorchSharp();
        Assert.IsNotNull(mapped, "libLibTorchSharp.so is mapped into the process");
        var fromCache = mapped.Contains(Path.Combine("TinierHAR.MLNet", "native"), StringComparison.Ordinal);
        Assert.AreEqual(!systemHasVersion, fromCache, $"libstdc++ has GLIBCXX_3.4.32: {systemHasVersion}; mapped: {mapped}");
    }

    [TestMethod]
    public void Patch_marks_only_the_reference_only_version_weak_and_leaves_the_original_untouched()
    {
        var original = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        if (!File.Exists(original))
            Assert.Inconclusive($"Skipped: '{original}' is absent (not a linux-x64 build output).");
        var before = SHA256.HashData(File.ReadAllBytes(original));

        var elf = ElfVersionNeeds.Parse(File.ReadAllBytes(original), original);
        var needed = elf.NeededFrom("libstdc++.so.6").Single(v => v.Name == "GLIBCXX_3.4.32");
        CollectionAssert.AreEqual(new[] { "_ZSt21ios_base_library_initv" }, elf.SymbolsBoundTo(needed.Index).ToArray());
        elf.MarkWeak(needed);
        Assert.AreEqual(2, BitConverter.ToUInt16(elf.Image, needed.AuxOffset + 4) & 2, "VER_FLG_WEAK set in the copy");

        TorchSharpRuntime.EnsureLoaded();
        CollectionAssert.AreEqual(before, SHA256.HashData(File.ReadAllBytes(original)), "the original file is not modified");
    }
}
