using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// One Adafactor step on a [4096, 4096] matrix, one core, against a memory-only kernel that makes the same passes
/// over memory as the generated plan for a matrix (see the generated file's pass comments): (0) read w and g, norm of
/// w, row and column sums of g²; (1) read g, norm of u; (2) read w and g, write w (u is recomputed from g and the
/// per-row and per-column factors: see the planner's Rematerializer; the weight decay is applied here too, moved from
/// pass 0 by its StoreSinker). That is 20 bytes per parameter; the factored state (one float per row and per column)
/// is noise. <see cref="MemoryOnlyUInMemory"/> is the plan before either, which wrote the decayed w in pass 0 and kept
/// u in a scratch buffer (pass 1 writes u, pass 2 reads it): 32 bytes, as PyTorch moves. (Until 2026-12-05 that
/// baseline also read w once more for its norm, a pass of its own in an earlier plan: 36 bytes; until 2026-12-06 the
/// same-passes baseline wrote w in pass 0 as the plan did: 24 bytes.)
/// Both also on every core: the memory-only passes cut into <see cref="SimdPolicy.ChunkLength"/> chunks, one task per
/// core, and the step with its element and axis passes split by the runtime.
/// </summary>
[MemoryDiagnoser]
public class AdafactorBenchmarks
{
    private const int Rows = 4096, Cols = 4096;
    private Parameter _p = null!;
    private Adafactor _adafactor = null!;
    private Memory<float> _w, _g, _u;
    private readonly double[] _columnSums = GC.AllocateArray<double>(Cols, pinned: true);
    private readonly float[] _columnGroup = GC.AllocateArray<float>(Cols, pinned: true);
    private readonly float[] _columnFactor = GC.AllocateArray<float>(Cols, pinned: true);

    [GlobalSetup]
    public void Setup()
    {
        SimdPolicy.MaxThreads = 1;
        (_p, _w, _g) = Inputs.Matrix(Rows, Cols);
        _adafactor = new Adafactor { LearningRate = 1e-6f };
        _adafactor.Step(_p);
        _u = AlignedMemory.Allocate(Rows * Cols);
    }

    [Benchmark(Baseline = true)]
    public float MemoryOnlySamePasses()
    {
        Span<float> w = _w.Span, g = _g.Span;
        float sum = ReadTwo(w, g);                   // pass 0 (its sums stand for the norm, row and column sums)
        sum += ReadOne(g);                           // pass 1
        sum += ReadTwoWriteFirst(w, g);              // pass 2
        return sum;
    }

    /// <summary>
    /// <see cref="MemoryOnlySamePasses"/> plus the per-column vectors the passes go through once per row: pass 0 adds
    /// into its column sums (4096 floats, 16 KiB, loaded and stored every row, and added into 4096 doubles every 16
    /// rows, as the driver's groups of rows; until 2026-12-06 doubles every row, 32 KiB), passes 1 and 2 read the
    /// column factor (4096 floats, 16 KiB, every row). Not the target's baseline: it says how much of the step's time over that
    /// baseline is the factored layout's own traffic between L2 and L1 rather than the arithmetic.
    /// </summary>
    [Benchmark]
    public float MemoryOnlySamePassesWithColumns()
    {
        Span<float> w = _w.Span, g = _g.Span;
        float sum = 0;
        for (int r = 0; r < Rows; r++)
        {
            sum += ReadTwoAddToColumns(w.Slice(r * Cols, Cols), g.Slice(r * Cols, Cols), _columnGroup);
            if ((r + 1) % 16 == 0)
                AddGroupToColumns(_columnGroup, _columnSums);
        }
        for (int r = 0; r < Rows; r++)
            sum += ReadTwo(g.Slice(r * Cols, Cols), _columnFactor);
        for (int r = 0; r < Rows; r++)
            sum += ReadTwoWriteFirst(w.Slice(r * Cols, Cols), g.Slice(r * Cols, Cols), _columnFactor);
        return sum;
    }

    [Benchmark]
    public float MemoryOnlyUInMemory()
    {
        Span<float> w = _w.Span, g = _g.Span, u = _u.Span;
        float sum = ReadTwoWriteFirst(w, g);
        sum += ReadOneWriteOther(g, u);
        sum += ReadTwoWriteFirst(w, u);
        return sum;
    }

    [Benchmark]
    public void Generated() => _adafactor.Step(_p);

    [Benchmark]
    public float MemoryOnlySamePassesAllCores()
    {
        float sum = AllCores(ReadTwoChunk);
        sum += AllCores(ReadOneChunk);
        sum += AllCores(ReadTwoWriteFirstChunk);
        return sum;
    }

    [Benchmark]
    public void GeneratedAllCores()
    {
        SimdPolicy.MaxThreads = int.MaxValue;
        _adafactor.Step(_p);
        SimdPolicy.MaxThreads = 1;
    }

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = int.MaxValue;

    private float ReadTwoWriteFirstChunk(int start, int length) => ReadTwoWriteFirst(_w.Span.Slice(start, length), _g.Span.Slice(start, length));

    private float ReadTwoChunk(int start, int length) => ReadTwo(_w.Span.Slice(start, length), _g.Span.Slice(start, length));

    private float ReadOneChunk(int start, int length) => ReadOne(_g.Span.Slice(start, length));

    // One pass over chunks of SimdPolicy.ChunkLength, thread 'part' taking every threads-th chunk (as the runtime's threads do).
    private static float AllCores(Func<int, int, float> pass)
    {
        const int N = Rows * Cols;
        int chunk = SimdPolicy.ChunkLength, chunks = (N + chunk - 1) / chunk;
        int threads = Math.Min(Environment.ProcessorCount, chunks);
        var sums = new float[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
        {
            for (int c = part; c < chunks; c += threads)
                sums[part] += pass(c * chunk, Math.Min(chunk, N - c * chunk));
        });
        float total = 0;
        foreach (float x in sums)
            total += x;
        return total;
    }

    private static float ReadTwoWriteFirst(Span<float> a, ReadOnlySpan<float> b)
    {
        Span<Vector256<float>> va = MemoryMarshal.Cast<float, Vector256<float>>(a);
        ReadOnlySpan<Vector256<float>> vb = MemoryMarshal.Cast<float, Vector256<float>>(b);
        Vector256<float> s = default;
        for (int i = 0; i < va.Length; i++)
        {
            s += vb[i];
            va[i] += vb[i];
        }
        return Vector256.Sum(s);
    }

    private static float ReadTwo(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        ReadOnlySpan<Vector256<float>> va = MemoryMarshal.Cast<float, Vector256<float>>(a);
        ReadOnlySpan<Vector256<float>> vb = MemoryMarshal.Cast<float, Vector256<float>>(b);
        Vector256<float> s = default;
        for (int i = 0; i < va.Length; i++)
            s += va[i] * vb[i];
        return Vector256.Sum(s);
    }

    // A row of pass 0 with its column sums: per 8 floats of the row, 8 floats of the group's sums loaded, added to and stored.
    private static float ReadTwoAddToColumns(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> columns)
    {
        ReadOnlySpan<Vector256<float>> va = MemoryMarshal.Cast<float, Vector256<float>>(a);
        ReadOnlySpan<Vector256<float>> vb = MemoryMarshal.Cast<float, Vector256<float>>(b);
        Span<Vector256<float>> vc = MemoryMarshal.Cast<float, Vector256<float>>(columns);
        Vector256<float> s = default;
        for (int i = 0; i < va.Length; i++)
        {
            s += va[i] * vb[i];
            vc[i] += vb[i];
        }
        return Vector256.Sum(s);
    }

    // The end of a group of rows: its column sums widened into the doubles, and cleared.
    private static void AddGroupToColumns(Span<float> group, Span<double> columns)
    {
        Span<Vector256<float>> vg = MemoryMarshal.Cast<float, Vector256<float>>(group);
        Span<Vector256<double>> vc = MemoryMarshal.Cast<double, Vector256<double>>(columns);
        for (int i = 0; i < vg.Length; i++)
        {
            (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(vg[i]);
            vc[2 * i] += lo;
            vc[2 * i + 1] += hi;
            vg[i] = default;
        }
    }

    // A row of pass 2 with the column factor: reads a, b and c, writes a.
    private static float ReadTwoWriteFirst(Span<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> c)
    {
        Span<Vector256<float>> va = MemoryMarshal.Cast<float, Vector256<float>>(a);
        ReadOnlySpan<Vector256<float>> vb = MemoryMarshal.Cast<float, Vector256<float>>(b);
        ReadOnlySpan<Vector256<float>> vc = MemoryMarshal.Cast<float, Vector256<float>>(c);
        Vector256<float> s = default;
        for (int i = 0; i < va.Length; i++)
        {
            s += vb[i];
            va[i] += vb[i] * vc[i];
        }
        return Vector256.Sum(s);
    }

    private static float ReadOne(ReadOnlySpan<float> a)
    {
        ReadOnlySpan<Vector256<float>> va = MemoryMarshal.Cast<float, Vector256<float>>(a);
        Vector256<float> s = default;
        for (int i = 0; i < va.Length; i++)
            s += va[i];
        return Vector256.Sum(s);
    }

    private static float ReadOneWriteOther(ReadOnlySpan<float> a, Span<float> b)
    {
        ReadOnlySpan<Vector256<float>> va = MemoryMarshal.Cast<float, Vector256<float>>(a);
        Span<Vector256<float>> vb = MemoryMarshal.Cast<float, Vector256<float>>(b);
        Vector256<float> s = default;
        for (int i = 0; i < va.Length; i++)
        {
            s += va[i];
            vb[i] = va[i] * va[i];
        }
        return Vector256.Sum(s);
    }
}
