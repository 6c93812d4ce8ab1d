using System.Runtime.InteropServices;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Native;

namespace TinierHAR.Trainer.Tests.Native;

/// <summary>Training keeps freed native memory for the next step: after <see cref="NativeHeap.RetainFreedMemory"/>,
/// a block of a training tensor's size comes from the heap, not from a mapping of its own that its free returns to
/// the kernel (glibc's default above 128 KB), and so does one above the largest mmap threshold glibc allows (32 MB),
/// as DeepConvLSTM's tensors are.</summary>
[TestClass]
public sealed partial class NativeHeapTests
{
    [TestMethod]
    public void The_docs_quote_the_allocator_settings() =>
        RepositoryDocuments.AssertQuotedIn("docs/training-fidelity.md",
            $"the mmap threshold at its largest ({NativeHeap.LargestMmapThreshold >> 20} MB), no trimming",
            $"a top pad of one {NativeHeap.ThreadHeapBytes >> 20} MB heap");

    [TestMethod]
    [DataRow(24 * 1024 * 1024)]
    [DataRow(48 * 1024 * 1024)]
    public void A_freed_tensor_sized_block_stays_in_the_heap(int bytes)
    {
        if (!OperatingSystem.IsLinux())
            Assert.Inconclusive("glibc's mallopt is Linux-only; elsewhere the setting does nothing.");
        Assert.IsTrue(NativeHeap.RetainFreedMemory(), "glibc takes the four settings");

        var mappedBefore = MallInfo2().MappedBytes;
        var block = Marshal.AllocHGlobal(bytes); // malloc
        var mappedWhileHeld = MallInfo2().MappedBytes;
        Marshal.FreeHGlobal(block);
        Assert.IsLessThan((nuint)bytes, mappedWhileHeld - mappedBefore, "the block was mapped on its own");
        Assert.IsGreaterThanOrEqualTo((nuint)bytes, MallInfo2().FreeHeapBytes, "the freed block stays in the heap");
    }

    /// <summary>glibc's <c>struct mallinfo2</c> (2.33 and later), summed over every arena.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 10 * 8)]
    private readonly struct HeapInfo
    {
        /// <summary><c>hblkhd</c>: bytes in blocks mapped on their own.</summary>
        [FieldOffset(4 * 8)] public readonly nuint MappedBytes;

        /// <summary><c>fordblks</c>: free bytes kept in the arenas.</summary>
        [FieldOffset(8 * 8)] public readonly nuint FreeHeapBytes;
    }

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial HeapInfo MallInfo2();
}
