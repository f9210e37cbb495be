using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace OptGen.Benchmarks;

/// <summary>
/// The dense layers' matrix multiply against the core's measured FMA peak, on one core and split over
/// <see cref="Threads"/> (<see cref="SimdPolicy.MaxThreads"/>). <see cref="FmaPeak"/> does exactly
/// <see cref="PeakFlops"/> floating-point operations on one core with no memory traffic (12 independent FMA chains at
/// the widest accelerated width, as the GEMM's kernel: Vector512 where a core with two full-width 512-bit FMA units
/// has twice the 256-bit peak), so GEMM's fraction of peak = (2 N³ / GEMM time) / (Threads × PeakFlops / FmaPeak time).
/// <see cref="GemmTransposedB"/> is the dense layer's forward product, <c>x · Wᵀ</c> with W read as it lies.
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    /// <summary>Floating-point operations done by one <see cref="FmaPeak"/> call.</summary>
    public static long PeakFlops { get; } = 12L * (Vector512.IsHardwareAccelerated ? 16 : 8) * 2 * PeakIterations;

    internal const int PeakIterations = 1_000_000;
    private float[] _a = null!, _b = null!, _c = null!;
    private int _savedThreads;

    [Params(256, 512)]
    public int N { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _savedThreads = SimdPolicy.MaxThreads;
        SimdPolicy.MaxThreads = Threads;
        var rng = new Random(2);
        _a = new float[N * N];
        _b = new float[N * N];
        _c = new float[N * N];
        for (int i = 0; i < _a.Length; i++)
        {
            _a[i] = (float)rng.NextDouble();
            _b[i] = (float)rng.NextDouble();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = _savedThreads;

    [Benchmark]
    public void Gemm() => Nn.Gemm.Multiply(_a, false, _b, false, _c, N, N, N, false);

    [Benchmark]
    public void GemmTransposedB() => Nn.Gemm.Multiply(_a, false, _b, true, _c, N, N, N, false);

    [Benchmark(Baseline = true)]
    public float FmaPeak() => FmaKernel(PeakIterations);

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static float FmaKernel(int iterations) =>
        Vector512.IsHardwareAccelerated ? FmaKernel512(iterations) : FmaKernel256(iterations);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float FmaKernel512(int iterations)
    {
        Vector512<float> x = Vector512.Create(0.999f), y = Vector512.Create(1e-4f);
        Vector512<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, x, y);
            a1 = Vector512.FusedMultiplyAdd(a1, x, y);
            a2 = Vector512.FusedMultiplyAdd(a2, x, y);
            a3 = Vector512.FusedMultiplyAdd(a3, x, y);
            a4 = Vector512.FusedMultiplyAdd(a4, x, y);
            a5 = Vector512.FusedMultiplyAdd(a5, x, y);
            a6 = Vector512.FusedMultiplyAdd(a6, x, y);
            a7 = Vector512.FusedMultiplyAdd(a7, x, y);
            a8 = Vector512.FusedMultiplyAdd(a8, x, y);
            a9 = Vector512.FusedMultiplyAdd(a9, x, y);
            a10 = Vector512.FusedMultiplyAdd(a10, x, y);
            a11 = Vector512.FusedMultiplyAdd(a11, x, y);
        }
        return Vector512.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float FmaKernel256(int iterations)
    {
        Vector256<float> x = Vector256.Create(0.999f), y = Vector256.Create(1e-4f);
        Vector256<float> a0 = x, a1 = x, a2 = x, a3 = x, a4 = x, a5 = x, a6 = x, a7 = x, a8 = x, a9 = x, a10 = x, a11 = x;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, x, y);
            a1 = Vector256.FusedMultiplyAdd(a1, x, y);
            a2 = Vector256.FusedMultiplyAdd(a2, x, y);
            a3 = Vector256.FusedMultiplyAdd(a3, x, y);
            a4 = Vector256.FusedMultiplyAdd(a4, x, y);
            a5 = Vector256.FusedMultiplyAdd(a5, x, y);
            a6 = Vector256.FusedMultiplyAdd(a6, x, y);
            a7 = Vector256.FusedMultiplyAdd(a7, x, y);
            a8 = Vector256.FusedMultiplyAdd(a8, x, y);
            a9 = Vector256.FusedMultiplyAdd(a9, x, y);
            a10 = Vector256.FusedMultiplyAdd(a10, x, y);
            a11 = Vector256.FusedMultiplyAdd(a11, x, y);
        }
        return Vector256.Sum(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }
}
