using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using OptGen.Internal;

namespace OptGen;

/// <summary>
/// Float buffers that start on a 64-byte boundary (a cache line, and one 512-bit vector), so a vector loop over them
/// never loads or stores across two cache lines. <see cref="Parameter"/>'s own constructors, optimizer state and the
/// network's buffers are allocated this way.
/// </summary>
public static unsafe class AlignedMemory
{
    /// <summary>The alignment, in bytes.</summary>
    public const int Alignment = 64;

    /// <summary>
    /// Whether buffers of 2 MiB and more allocated from now on (by <see cref="Allocate(int)"/>, <see cref="AllocateNative"/>
    /// and so by parameters, optimizer state and the network) ask Linux for transparent huge pages (x64; elsewhere
    /// nothing is asked). On by default: a step streams each buffer once, and with 4 KiB pages a large step ran 10–25%
    /// slower (docs/performance-log.md). Where the system's setting is <c>madvise</c> only such advice gets huge pages; turn
    /// it off where memory is tight, since a huge page is committed 2 MiB at a time.
    /// </summary>
    public static bool UseHugePages { get; set; } = true;

    /// <summary>
    /// Length in floats (16 KiB) from which a buffer is also placed within its 4 KiB page (see <see cref="Allocate(int)"/>).
    /// </summary>
    internal const int SpreadLength = 4096;

    /// <summary>The bytes of a page, the period of the addresses a load is first compared on with earlier stores.</summary>
    internal const int PageBytes = 4096;

    /// <summary>The places a spread buffer can start at within a page (plus its offset modulo 64): 512 bytes apart.</summary>
    internal const int Places = 8;

    private static int s_turn;

    /// <summary>
    /// <paramref name="length"/> zeroed floats on the pinned object heap, starting on a 64-byte boundary. The memory is
    /// managed (the garbage collector frees it) and never moves. A buffer of 16 KiB or more also starts at the next of
    /// eight places in a 4 KiB page, 512 bytes apart and taken in an order in which any eight buffers allocated one after
    /// another start at eight different places, as a parameter's value and gradient do.
    /// </summary>
    /// <remarks>
    /// Why: a core first compares a load with earlier stores on the low 12 bits of their addresses, and a loop that
    /// stores one stream while loading another whose address is a little further on modulo 4 KiB waits on stores it
    /// does not depend on. Buffers the garbage collector places one after another, each a whole number of pages long,
    /// start a few cache lines apart modulo 4 KiB, exactly that; how much it cost then depended on the physical pages
    /// (AMD EPYC Zen 4: Adam on 4 Ki parameters took 0.28 to 0.78 ns a parameter from one allocation to the next, stable
    /// for each; with its four streams 512 bytes or more apart modulo 4 KiB, 0.279 to 0.283 every time).
    /// </remarks>
    public static Memory<float> Allocate(int length) => Allocate(length, addressModulo: 0);

    /// <summary>
    /// As <see cref="Allocate(int)"/>, but the first element's address is <paramref name="addressModulo"/> bytes past a
    /// 64-byte boundary (a multiple of 4 below 64): state laid at the same offset as a misaligned parameter is aligned
    /// exactly when the parameter is, so one peeled head aligns every stream of a loop.
    /// </summary>
    public static Memory<float> Allocate(int length, int addressModulo)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (addressModulo < 0 || addressModulo >= Alignment || addressModulo % sizeof(float) != 0)
            throw new ArgumentOutOfRangeException(nameof(addressModulo), addressModulo, "The offset must be a multiple of 4 below 64.");
        if (length == 0)
            return Memory<float>.Empty;
        if (length < SpreadLength)
            return AllocateAt(length, addressModulo, Alignment);
        // 5 is prime to 8: turn after turn goes through all eight places before it comes back to one.
        int place = (int)((uint)(Interlocked.Increment(ref s_turn) - 1) * 5 % Places);
        return AllocateAt(length, place * (PageBytes / Places) + addressModulo, PageBytes);
    }

    /// <summary>
    /// <paramref name="length"/> zeroed floats whose first element is <paramref name="address"/> bytes past a multiple
    /// of <paramref name="period"/> (64 or 4096; <paramref name="address"/> a multiple of 4 below it).
    /// </summary>
    internal static Memory<float> AllocateAt(int length, int address, int period)
    {
        float[] array = GC.AllocateArray<float>(checked(length + period / sizeof(float)), pinned: true);
        ref float start = ref MemoryMarshal.GetArrayDataReference(array);
        HugePages.Advise(Unsafe.AsPointer(ref start), (nint)array.Length * sizeof(float)); // before the memory is first touched
        return new Memory<float>(array, OffsetTo(ref start, address, period), length);
    }

    /// <summary>Elements to skip from <paramref name="start"/> to reach an address <paramref name="address"/> bytes past a multiple of <paramref name="period"/>.</summary>
    internal static int OffsetTo(ref float start, int address, int period = Alignment)
    {
        int bytes = (int)((address - AddressOf(ref start)) & (period - 1));
        return bytes / sizeof(float); // .NET float arrays start 4-byte aligned at least
    }

    /// <summary>The first element's address modulo 4 KiB, in bytes.</summary>
    internal static int PageOffset(ReadOnlySpan<float> memory) => (int)(AddressOf(ref MemoryMarshal.GetReference(memory)) & (PageBytes - 1));

    private static nint AddressOf(ref float element) => (nint)Unsafe.AsPointer(ref element);

    /// <summary>The first element's address modulo 64, in bytes (0 when the memory is aligned).</summary>
    public static int AddressModulo(ReadOnlySpan<float> memory) =>
        (int)(AddressOf(ref MemoryMarshal.GetReference(memory)) & (Alignment - 1));

    /// <summary>
    /// Native memory for <paramref name="length"/> floats, 64-byte aligned and zeroed, that the caller owns and frees
    /// with <see cref="IDisposable.Dispose"/>. Wrap it in a <see cref="Parameter"/> to step memory that lives outside
    /// the managed heap (as a host's tensors do); using it after disposal throws <see cref="ObjectDisposedException"/>.
    /// </summary>
    public static NativeFloatMemory AllocateNative(int length) => new(length);
}

/// <summary>
/// Aligned native memory owned by the caller (<see cref="AlignedMemory.AllocateNative"/>). <see cref="MemoryManager{T}.Memory"/> is a view
/// of it; once disposed, every access through that view (including an optimizer step on a <see cref="Parameter"/> that
/// wraps it) throws <see cref="ObjectDisposedException"/> instead of touching freed memory.
/// </summary>
public sealed unsafe class NativeFloatMemory : MemoryManager<float>
{
    private float* _pointer;
    private readonly int _length;
    private int _pins;

    internal NativeFloatMemory(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _length = length;
        _pointer = (float*)NativeMemory.AlignedAlloc((nuint)Math.Max(1, length) * sizeof(float), AlignedMemory.Alignment);
        HugePages.Advise(_pointer, (nint)length * sizeof(float)); // before the clear touches it
        new Span<float>(_pointer, length).Clear();
    }

    /// <summary>Number of floats.</summary>
    public int Length => _length;

    /// <summary>True once disposed.</summary>
    public bool IsDisposed => _pointer == null;

    /// <inheritdoc />
    public override Span<float> GetSpan()
    {
        float* p = _pointer;
        ObjectDisposedException.ThrowIf(p == null, this);
        return new Span<float>(p, _length);
    }

    /// <inheritdoc />
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ObjectDisposedException.ThrowIf(_pointer == null, this);
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        Interlocked.Increment(ref _pins);
        return new MemoryHandle(_pointer + elementIndex, default, this);
    }

    /// <inheritdoc />
    public override void Unpin() => Interlocked.Decrement(ref _pins);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        float* p = _pointer;
        if (p == null)
            return;
        if (Volatile.Read(ref _pins) > 0)
            throw new InvalidOperationException("The memory is still pinned; release every MemoryHandle before disposing it.");
        _pointer = null;
        NativeMemory.AlignedFree(p);
    }

    /// <inheritdoc />
    public override string ToString() => $"NativeFloatMemory [{_length}]{(IsDisposed ? " (disposed)" : "")}";
}
