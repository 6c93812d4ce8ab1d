using System.Runtime.InteropServices;

namespace TinierHAR.Trainer.Native;

/// <summary>
/// Keeps glibc's freed heap blocks in the process for reuse (<c>mallopt</c>), where libtorch's tensors live.
/// </summary>
/// <remarks>
/// A training step allocates and frees the same tensors every time. With glibc's defaults a freed block above its
/// mmap threshold (128 KB, raised only as far as the sizes seen) goes back to the kernel, and so does free memory at
/// the heap's top; the next step then takes a page fault on the first write to every page again. On this project's
/// machine a TinierHAR training pass took 2.1x as long that way. Setting both thresholds keeps the blocks: tensors up
/// to 32 MB (glibc's largest allowed mmap threshold) come from the heap, and the heap is not trimmed. The process's
/// resident memory then stays at its peak, which is why it is a training option. Process-wide, idempotent; nothing
/// happens outside Linux or where the C library has no <c>mallopt</c> (musl).
/// </remarks>
internal static partial class NativeHeap
{
    private const int TrimThreshold = -1, MmapThreshold = -3; // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD (malloc.h)
    private const int LargestMmapThreshold = 32 * 1024 * 1024; // glibc refuses more than half its 64 MB heap size

    /// <summary>Sets both thresholds; returns whether the C library took them.</summary>
    public static bool RetainFreedMemory()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return MallOpt(MmapThreshold, LargestMmapThreshold) == 1 && MallOpt(TrimThreshold, int.MaxValue) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
