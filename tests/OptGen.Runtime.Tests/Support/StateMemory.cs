using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OptGen.Runtime.Tests;

/// <summary>Where state memory lives (state is pinned, so an address identifies a buffer across steps).</summary>
internal static unsafe class StateMemory
{
    public static nint Address(Span<float> s) => (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(s));

    public static IEnumerable<nint> ScratchAddresses(TensorState t) =>
        Enumerable.Range(0, t.ScratchCount).Select(i => (nint)Unsafe.AsPointer(ref t.ScratchReference(i))).ToArray();
}
