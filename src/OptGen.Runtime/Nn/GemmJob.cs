using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OptGen.Nn;

/// <summary>
/// Runs one <see cref="GemmProblem"/> as a grid of rectangles of C, one chunk each. The split is by output blocks
/// only (whole 6-row and NR-column tiles), never along k, so every value of C is summed in the same order whatever
/// the number of chunks. Each chunk packs the parts of A and B its rectangle needs into packing buffers of its own,
/// sized on the calling thread before the run: nothing is allocated on any thread once the sizes have been seen.
/// </summary>
internal sealed unsafe class GemmJob : NnJob
{
    private GemmProblem _problem;
    private int _rowGroups = 1, _colGroups = 1;
    private GemmBuffers[] _buffers = [];

    /// <summary>
    /// Computes <paramref name="problem"/>, split for <paramref name="threads"/> threads (1: on this thread alone).
    /// With <paramref name="anySize"/> the split ignores the product's size (tests cut small products too).
    /// </summary>
    public void Run(in GemmProblem problem, int threads, bool anySize)
    {
        _problem = problem;
        // One rectangle per thread: every further cut repacks a share of A or B, which measured slower than the
        // balance it buys (a 784-256-128-10 MLP's products on 2 cores: 2 chunks 1.3-1.7x, 4 chunks 1.2-1.7x, 6 less).
        // Tests ask for two per thread, so that small products are cut into grids too.
        int wanted = threads <= 1 ? 1 : anySize ? 2 * threads : threads;
        (_rowGroups, _colGroups) = Grid(in problem, wanted);
        int chunks = _rowGroups * _colGroups;
        if (_buffers.Length < chunks)
            Array.Resize(ref _buffers, chunks);
        for (int c = 0; c < chunks; c++)
        {
            GemmBuffers buffers = _buffers[c] ??= new GemmBuffers();
            if (problem.Packs)
            {
                (int i0, int i1, int j0, int j1) = Rectangle(c);
                (int a, int b) = GemmBlock.PackSizes(in problem, i1 - i0, j1 - j0);
                buffers.Reserve(a, b);
            }
        }
        try
        {
            Execute(chunks);
        }
        finally
        {
            _problem = default; // the pointers are only pinned during the call
        }
    }

    /// <summary>Rectangles the last <see cref="Run"/> cut C into (for tests).</summary>
    public int Chunks => _rowGroups * _colGroups;

    /// <summary>
    /// Room for the products of sizes up to <paramref name="size"/> on one thread: one rectangle's buffers, reserved for
    /// their largest packed blocks (<see cref="GemmBlock.PackSizesUpTo"/>), so such a product run as one rectangle
    /// allocates nothing.
    /// </summary>
    public void ReserveOneRectangle(int size)
    {
        if (_buffers.Length < 1)
            Array.Resize(ref _buffers, 1);
        (int a, int b) = GemmBlock.PackSizesUpTo(size);
        (_buffers[0] ??= new GemmBuffers()).Reserve(a, b);
    }

    protected override void RunChunk(int chunk)
    {
        (int i0, int i1, int j0, int j1) = Rectangle(chunk);
        GemmBlock.Run(in _problem, i0, i1, j0, j1, _buffers[chunk]);
    }

    /// <summary>Rows i0..i1 and columns j0..j1 of C that chunk <paramref name="chunk"/> computes.</summary>
    private (int I0, int I1, int J0, int J1) Rectangle(int chunk)
    {
        (int i0, int i1) = Range(chunk / _colGroups, _rowGroups, _problem.M, Gemm.MR);
        (int j0, int j1) = Range(chunk % _colGroups, _colGroups, _problem.N, _problem.NR);
        return (i0, i1, j0, j1);
    }

    /// <summary>Group <paramref name="group"/> of <paramref name="groups"/> nearly equal runs of whole tiles over <paramref name="size"/>.</summary>
    private static (int Start, int End) Range(int group, int groups, int size, int tile)
    {
        int tiles = (size + tile - 1) / tile;
        int start = (int)((long)tiles * group / groups) * tile;
        int end = (int)((long)tiles * (group + 1) / groups) * tile;
        return (Math.Min(start, size), Math.Min(end, size));
    }

    /// <summary>
    /// The grid of at most <paramref name="wanted"/> rectangles (fewer when there are not enough tiles) that packs the
    /// least: cutting C into more column groups repacks A once per group, more row groups repack B. Packing a transposed
    /// B reads it with a stride, which costs about four times a contiguous one's vector copies.
    /// </summary>
    private static (int Rows, int Cols) Grid(in GemmProblem p, int wanted)
    {
        int rowTiles = p.Thin ? 1 : (p.M + Gemm.MR - 1) / Gemm.MR;
        int colTiles = (p.N + p.NR - 1) / p.NR;
        double aCost = (double)p.M * p.K, bCost = (double)p.K * p.N * (p.BColStride == 1 ? 0.25 : 1.0);
        for (int chunks = wanted; chunks > 1; chunks--)
        {
            (int Rows, int Cols) best = (0, 0);
            double bestCost = double.MaxValue;
            for (int rows = 1; rows <= chunks; rows++)
            {
                int cols = chunks / rows;
                if (rows * cols != chunks || rows > rowTiles || cols > colTiles)
                    continue;
                double cost = cols * aCost + rows * bCost;
                if (cost < bestCost)
                    (best, bestCost) = ((rows, cols), cost);
            }
            if (best.Rows > 0)
                return best;
        }
        return (1, 1);
    }
}

/// <summary>
/// One chunk's packing scratch: pinned arrays (so their 64-byte-aligned start stays put) that only grow, reserved on
/// the calling thread before the chunk runs anywhere.
/// </summary>
internal sealed class GemmBuffers
{
    private float[] _a = [], _b = [];
    private int _aOffset, _bOffset;

    /// <summary>A 6 × 32 tile that edge tiles of C are computed into (the widest kernel's tile).</summary>
    private readonly float[] _edgeTile = new float[Gemm.MR * 2 * Vector512<float>.Count];

    public ref float EdgeTile => ref MemoryMarshal.GetArrayDataReference(_edgeTile);

    /// <summary>Grows the buffers to hold at least these many floats.</summary>
    public void Reserve(int aLength, int bLength)
    {
        Grow(ref _a, ref _aOffset, aLength);
        Grow(ref _b, ref _bOffset, bLength);
    }

    public ref float A(int length) => ref Get(ref _a, ref _aOffset, length);

    public ref float B(int length) => ref Get(ref _b, ref _bOffset, length);

    private static ref float Get(ref float[] array, ref int offset, int length)
    {
        Grow(ref array, ref offset, length); // a no-op when reserved, as every packed chunk is
        return ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), offset);
    }

    private static void Grow(ref float[] array, ref int offset, int length)
    {
        if (array.Length - offset >= length)
            return;
        // Grow by at least half, plus 16 floats of slack to align the start to a cache line.
        int size = Math.Max(length, array.Length + array.Length / 2) + 16;
        array = GC.AllocateUninitializedArray<float>(size, pinned: true);
        offset = AlignedMemory.OffsetTo(ref MemoryMarshal.GetArrayDataReference(array), 0);
    }
}
