using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using OptGen.Optimizers;

namespace OptGen.Benchmarks;

/// <summary>
/// One SM3 step on a [2048, 2048] matrix, one core, against a memory-only kernel with the same traffic as the generated
/// plan for a matrix: one pass that reads g, nu and w, writes nu and w and keeps the row and column maxima, 20 bytes per
/// parameter (<c>Beta2 · min(muRow, muCol)</c> is computed in the pass from the row's and the column's sums). Until
/// 2026-12-05 that value was an array the size of the matrix, filled between passes and read by the pass (28 bytes per
/// parameter; the step took 85 ms, then 8.7–9.1 ms with the fill's loop tuned, and 3.9 ms without it).
/// </summary>
[MemoryDiagnoser]
public class Sm3Benchmarks
{
    private const int Rows = 2048, Cols = 2048;
    private Parameter _p = null!;
    private Sm3 _sm3 = null!;
    private Memory<float> _w, _g, _nu;

    [GlobalSetup]
    public void Setup()
    {
        SimdPolicy.MaxThreads = 1;
        (_p, _w, _g) = Inputs.Matrix(Rows, Cols);
        _sm3 = new Sm3 { LearningRate = 1e-6f };
        _sm3.Step(_p);
        _nu = AlignedMemory.Allocate(Rows * Cols);
    }

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = int.MaxValue;

    [Benchmark(Baseline = true)]
    public float MemoryOnlySameTraffic()
    {
        Span<Vector256<float>> nu = MemoryMarshal.Cast<float, Vector256<float>>(_nu.Span);
        Span<Vector256<float>> w = MemoryMarshal.Cast<float, Vector256<float>>(_w.Span);
        ReadOnlySpan<Vector256<float>> g = MemoryMarshal.Cast<float, Vector256<float>>(_g.Span);
        Vector256<float> s = default;
        for (int i = 0; i < g.Length; i++)
        {
            Vector256<float> x = g[i];
            s += x;
            nu[i] += x;
            w[i] += x;
        }
        return Vector256.Sum(s);
    }

    [Benchmark]
    public void Generated() => _sm3.Step(_p);
}
