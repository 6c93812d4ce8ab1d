using System.Runtime.InteropServices;

namespace TinierHAR.Trainer.Native;

/// <summary>
/// Keeps glibc's freed heap blocks in the process for reuse (<c>mallopt</c>), where libtorch's tensors live.
/// </summary>
/// <remarks>
/// A training step allocates and frees the same tensors every time. With glibc's defaults a freed block above its
/// mmap threshold (128 KB, raised only as far as the sizes seen) goes back to the kernel, and so does free memory at
/// the heap's top; the next step then takes a page fault on the first write to every page again. On this project's
/// machine a TinierHAR training pass took 2.1x as long that way, and a DeepConvLSTM pass (its tensors outgrow any mmap
/// threshold) 4x as long with only the threshold raised. Four settings keep the blocks: the mmap threshold at its
/// largest (32 MB); no block mapped on its own at all, so larger tensors come from the heap too; no trimming of the
/// heap; and a top pad of a whole 64 MB heap, without which a thread's arena (a training off the main thread) unmaps a
/// heap the moment it is entirely free, whatever the trim threshold. The process's resident memory then stays at its
/// peak, which is why it is a training option. Process-wide, idempotent; nothing happens outside Linux or where the C
/// library has no <c>mallopt</c> (musl).
/// </remarks>
internal static partial class NativeHeap
{
    private const int TrimThreshold = -1, TopPad = -2, MmapThreshold = -3, MmapMax = -4; // M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD, M_MMAP_MAX (malloc.h)
    internal const int ThreadHeapBytes = 64 * 1024 * 1024; // glibc's HEAP_MAX_SIZE on 64-bit
    internal const int LargestMmapThreshold = ThreadHeapBytes / 2; // the most glibc accepts

    /// <summary>Sets the four; returns whether the C library took them.</summary>
    public static bool RetainFreedMemory()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            // The threshold still matters where a block cannot come from the heap (one larger than a thread arena's
            // heap): glibc then maps it after all.
            return MallOpt(MmapThreshold, LargestMmapThreshold) == 1 && MallOpt(MmapMax, 0) == 1
                && MallOpt(TrimThreshold, int.MaxValue) == 1 && MallOpt(TopPad, ThreadHeapBytes) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
