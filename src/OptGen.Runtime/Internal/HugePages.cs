using System;
using System.Runtime.InteropServices;

namespace OptGen.Internal;

/// <summary>
/// Asks Linux to back large buffers with transparent huge pages (2 MiB on x64) before they are first touched. A step
/// streams every buffer once; with 4 KiB pages each stream misses the TLB every 4 KiB, and the hardware prefetchers
/// start over at every page. Measured on the 2-core AMD EPYC (Zen 4), 64 MiB streams: a read 2.7 → 2.0 ms, a
/// read-modify-write 5.1 → 4.0 ms, Adafactor's norm pass 4.6 → 4.1 ms. Where the system's setting is
/// <c>madvise</c> (the common default) nothing gets huge pages unless asked; with <c>always</c> the advice changes
/// nothing, with <c>never</c> it is ignored. PyTorch's CPU allocator gives the same advice when
/// <c>THP_MEM_ALLOC_ENABLE</c> is set.
/// </summary>
internal static unsafe partial class HugePages
{
    private const int MadviseHugePage = 14; // MADV_HUGEPAGE, the same value on every Linux architecture
    private const nint PageBytes = 2 << 20; // a PMD-level page with 4 KiB base pages, as on x64

    private static bool s_unavailable; // set when the call itself is missing (not Linux glibc or musl)

    /// <summary>
    /// Advises the whole huge pages inside <c>[start, start + bytes)</c>; ranges without one are left alone. Never
    /// fails: the advice is a hint, and a system that cannot take it keeps 4 KiB pages.
    /// </summary>
    internal static void Advise(void* start, nint bytes)
    {
        if (!AlignedMemory.UseHugePages || s_unavailable || !OperatingSystem.IsLinux()
            || RuntimeInformation.ProcessArchitecture != Architecture.X64 || bytes < PageBytes)
            return;
        nint first = ((nint)start + PageBytes - 1) & ~(PageBytes - 1);
        nint end = ((nint)start + bytes) & ~(PageBytes - 1);
        if (end - first < PageBytes)
            return;
        try
        {
            _ = Madvise((void*)first, (nuint)(end - first), MadviseHugePage);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise")]
    private static partial int Madvise(void* address, nuint length, int advice);
}
