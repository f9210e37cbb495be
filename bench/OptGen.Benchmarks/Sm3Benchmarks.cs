using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// One SM3 step on a [2048, 2048] matrix, one core, against a memory-only kernel with the same traffic as the generated
/// plan for a matrix: the per-(row, column) value <c>Beta2 · min(muRow, muCol)</c> written once (a loop of its own,
/// in double), then one pass that reads it with g, nu and w, writes nu and w and keeps the row and column maxima:
/// 28 bytes per parameter. (Until 2026-12-05 the per-(row, column) loop divided every index and waited on its own
/// float-to-double conversions: the step took 85 ms.)
/// </summary>
[MemoryDiagnoser]
public class Sm3Benchmarks
{
    private const int Rows = 2048, Cols = 2048;
    private Parameter _p = null!;
    private Sm3 _sm3 = null!;
    private Memory<float> _w, _g, _nu, _h;

    [GlobalSetup]
    public void Setup()
    {
        SimdPolicy.MaxThreads = 1;
        (_p, _w, _g) = Inputs.Matrix(Rows, Cols);
        _sm3 = new Sm3 { LearningRate = 1e-6f };
        _sm3.Step(_p);
        _nu = AlignedMemory.Allocate(Rows * Cols);
        _h = AlignedMemory.Allocate(Rows * Cols);
    }

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = int.MaxValue;

    [Benchmark(Baseline = true)]
    public float MemoryOnlySameTraffic()
    {
        Span<Vector256<float>> h = MemoryMarshal.Cast<float, Vector256<float>>(_h.Span);
        Span<Vector256<float>> nu = MemoryMarshal.Cast<float, Vector256<float>>(_nu.Span);
        Span<Vector256<float>> w = MemoryMarshal.Cast<float, Vector256<float>>(_w.Span);
        ReadOnlySpan<Vector256<float>> g = MemoryMarshal.Cast<float, Vector256<float>>(_g.Span);
        Vector256<float> one = Vector256.Create(1f), s = default;
        for (int i = 0; i < h.Length; i++)
            h[i] = one;
        for (int i = 0; i < g.Length; i++)
        {
            Vector256<float> x = g[i] + h[i];
            s += x;
            nu[i] += x;
            w[i] += x;
        }
        return Vector256.Sum(s);
    }

    [Benchmark]
    public void Generated() => _sm3.Step(_p);
}
