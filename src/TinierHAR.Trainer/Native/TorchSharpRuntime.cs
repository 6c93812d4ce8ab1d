using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace TinierHAR.Trainer.Native;

/// <summary>
/// Makes TorchSharp's native library load on Linux distributions whose libstdc++ is older than the one
/// TorchSharp 0.107 was linked against (Debian 12, Ubuntu 22.04), and switches off libtorch's oneDNN kernels,
/// whose LSTM gives wrong results here (see <see cref="LibTorchContext"/>).
/// </summary>
/// <remarks>
/// <para>
/// <c>libLibTorchSharp.so</c> 0.107 asks for <c>GLIBCXX_3.4.32</c> (GCC 13) only because GCC 13's
/// <c>&lt;iostream&gt;</c> references <c>std::ios_base_library_init</c>, which is never called. Where the system
/// libstdc++ lacks that version, a copy of the library is written to a per-user cache with the version need
/// marked weak, libtorch is loaded from where TorchSharp's package put it, and the patched copy is loaded in its
/// place; TorchSharp's own loader then finds <c>libLibTorchSharp.so</c> by its soname already in the process.
/// </para>
/// <para>
/// Nothing is done on Windows, macOS or where libstdc++ already defines every needed version, and nothing in the
/// NuGet cache or the build output is modified. A missing version that real symbols depend on is not patched:
/// <see cref="EnsureLoaded"/> then throws a message naming it.
/// </para>
/// </remarks>
public static class TorchSharpRuntime
{
    private const string LibraryFile = "libLibTorchSharp.so";
    private const string LibStdCxx = "libstdc++.so.6";

    // Symbols that only pull in a newer libstdc++ and are never called: safe to leave unresolved.
    private static readonly HashSet<string> ReferenceOnlySymbols = new(StringComparer.Ordinal) { "_ZSt21ios_base_library_initv" };

    private static readonly Lazy<string?> Failure = new(PrepareOrExplain, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Prepares TorchSharp's native library for this process (idempotent, thread-safe), and applies the libtorch
    /// settings our networks need. The library calls it where torch is first needed (networks, the trainer, checkpoint
    /// import); code that calls TorchSharp itself before any of those calls it first. Nothing happens when the
    /// assembly is merely loaded. Throws <see cref="PlatformNotSupportedException"/> naming the cause where TorchSharp
    /// cannot be made to load.
    /// </summary>
    public static void EnsureLoaded()
    {
        if (Failure.Value is { } message)
            throw new PlatformNotSupportedException(message);
    }

    /// <summary>Never throws: the reason is kept and thrown by every <see cref="EnsureLoaded"/>.</summary>
    private static string? PrepareOrExplain()
    {
        try
        {
            return Prepare();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or BadImageFormatException or InvalidDataException or ArgumentException)
        {
            return $"TorchSharp's native library could not be prepared for this system: {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Returns null on success, else why TorchSharp cannot be used correctly.</summary>
    private static string? Prepare()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
            return null;
        var libtorchCpu = LibTorchCpuPath;
        if (PrepareNativeLibrary(libtorchCpu) is { } failure)
            return failure;
        return libtorchCpu is null ? null : LibTorchContext.DisableOneDnn(libtorchCpu);
    }

    /// <summary>The libtorch_cpu library this process uses (null where TorchSharp's packages are absent).</summary>
    internal static string? LibTorchCpuPath => FindInSearchDirectories("libtorch_cpu.so");

    /// <summary>Returns null on success (or when nothing is needed), else why TorchSharp cannot load.</summary>
    private static string? PrepareNativeLibrary(string? torchCpu)
    {
        var original = FindInSearchDirectories(LibraryFile);
        if (original is null)
            return null; // Let TorchSharp report the missing package in its own words.
        var systemLibStdCxx = LoadedLibraryPath(LibStdCxx);
        if (systemLibStdCxx is null)
            return null;

        var image = File.ReadAllBytes(original);
        var elf = ElfVersionNeeds.Parse(image, original);
        var defined = ElfVersionNeeds.Parse(File.ReadAllBytes(systemLibStdCxx), systemLibStdCxx).DefinedVersions();
        var missing = elf.NeededFrom(LibStdCxx).Where(v => !defined.Contains(v.Name)).ToList();
        if (missing.Count == 0)
            return null;

        foreach (var version in missing)
        {
            var needing = elf.SymbolsBoundTo(version.Index).Where(s => !ReferenceOnlySymbols.Contains(s)).ToList();
            if (needing.Count > 0)
            {
                return $"TorchSharp's native library '{original}' needs {version.Name} from libstdc++, which the system's "
                    + $"'{systemLibStdCxx}' does not define, and real symbols depend on it ({string.Join(", ", needing.Take(5))}). "
                    + "Install a newer libstdc++ (GCC 13 or later) or use a distribution that ships one.";
            }
            elf.MarkWeak(version);
        }

        if (torchCpu is null)
            return $"libtorch (libtorch_cpu.so) was not found next to '{original}' or in the application's native search directories.";
        var libtorchDirectory = Path.GetDirectoryName(torchCpu)!;
        foreach (var dependency in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
            NativeLibrary.Load(Path.Combine(libtorchDirectory, dependency));

        var patched = WritePatchedCopy(original, elf.Image);
        if (!NativeLibrary.TryLoad(patched, out _))
            return $"The patched copy '{patched}' of '{original}' (with {string.Join(", ", missing.Select(m => m.Name))} marked weak) did not load.";
        return null;
    }

    /// <summary>Writes the patched image once per original (keyed by its hash), atomically, and returns its path; an
    /// existing copy is verified by its content hash before it is loaded.</summary>
    private static string WritePatchedCopy(string original, byte[] patchedImage)
    {
        var hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(original)))[..16].ToLowerInvariant();
        var directory = Path.Combine(CacheRoot(), "TinierHAR.MLNet", "native", hash);
        var target = Path.Combine(directory, LibraryFile);
        // A copy is reused only when its bytes are the patch's: a truncated or altered file is written again.
        if (File.Exists(target) && SHA256.HashData(File.ReadAllBytes(target)).AsSpan().SequenceEqual(SHA256.HashData(patchedImage)))
            return target;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $"{LibraryFile}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, patchedImage);
        File.Move(temporary, target, overwrite: true);
        return target;
    }

    private static string CacheRoot()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return string.IsNullOrEmpty(local) ? Path.GetTempPath() : local;
    }

    /// <summary>
    /// Finds a native file where the .NET host and TorchSharp look: the host's native search directories (the
    /// build output, or the NuGet cache for <c>dotnet run</c>/<c>dotnet test</c>), the application folder, and the
    /// TorchSharp/libtorch packages next to the loaded TorchSharp assembly (notebooks load it from the NuGet cache).
    /// </summary>
    private static string? FindInSearchDirectories(string file) =>
        SearchDirectories().Select(d => Path.Combine(d, file)).FirstOrDefault(File.Exists);

    private static IEnumerable<string> SearchDirectories()
    {
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string hostDirectories)
        {
            foreach (var directory in hostDirectories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                yield return directory;
        }
        yield return AppContext.BaseDirectory;
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native");

        var torchSharpAssembly = typeof(TorchSharp.torch).Assembly.Location;
        if (string.IsNullOrEmpty(torchSharpAssembly))
            yield break;
        var assemblyDirectory = Path.GetDirectoryName(torchSharpAssembly)!;
        yield return assemblyDirectory;
        // NuGet cache layout: <root>/torchsharp/<version>/lib/<tfm>/TorchSharp.dll.
        var packageVersionDirectory = Path.GetFullPath(Path.Combine(assemblyDirectory, "..", ".."));
        yield return Path.Combine(packageVersionDirectory, "runtimes", "linux-x64", "native");
        var packagesRoot = Path.GetFullPath(Path.Combine(packageVersionDirectory, "..", ".."));
        var libtorchPackage = Path.Combine(packagesRoot, "libtorch-cpu-linux-x64");
        if (Directory.Exists(libtorchPackage))
        {
            foreach (var version in Directory.EnumerateDirectories(libtorchPackage).OrderDescending(StringComparer.Ordinal))
                yield return Path.Combine(version, "runtimes", "linux-x64", "native");
        }
    }

    /// <summary>The path of a library as mapped into this process, loading it by name first if needed.</summary>
    private static string? LoadedLibraryPath(string name)
    {
        var path = MappedPath(name);
        if (path is null && NativeLibrary.TryLoad(name, out _))
            path = MappedPath(name);
        return path;
    }

    private static string? MappedPath(string name)
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
            return null;
        return File.ReadLines(maps)
            .Select(line => line.IndexOf('/') is var slash and >= 0 ? line[slash..] : null)
            .FirstOrDefault(path => path is not null && Path.GetFileName(path).StartsWith(name, StringComparison.Ordinal));
    }
}
