using System;
using BenchmarkDotNet.Attributes;
using OptGen.Internal;

namespace OptGen.Benchmarks;

/// <summary>
/// One Newton–Schulz iteration of Muon (<c>newton_schulz(x, a, b, c, 1, eps)</c>) on a [rows, cols] matrix, on one core
/// and split over <see cref="Threads"/>, against <see cref="GemmBenchmarks.FmaKernel"/>'s one-core FMA peak. An
/// iteration on X (r × k after the transpose of a tall matrix, r ≤ k) does X·Xᵀ (2r²k), A·A (2r³) and B·X (2r²k)
/// floating-point operations, plus O(rk) element-wise work: fraction of peak =
/// (<see cref="Flops"/> / time) / (Threads × <see cref="GemmBenchmarks.PeakFlops"/> / FmaPeak time). <see cref="Flops"/>
/// counts the full products, as the target does; X·Xᵀ and A·A are symmetric and computed by halves (about a third of
/// the count is not multiplied), so the fraction can pass 100%.
/// </summary>
[MemoryDiagnoser]
public class NewtonSchulzBenchmarks
{
    private Memory<float> _input, _output;
    private MatrixView _view;
    private int _savedThreads;

    [Params("1024x1024", "4096x1024")]
    public string Shape { get; set; } = "1024x1024";

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Floating-point operations of one iteration on <see cref="Shape"/>.</summary>
    public long Flops
    {
        get
        {
            (int rows, int cols) = Dimensions();
            long r = Math.Min(rows, cols), k = Math.Max(rows, cols);
            return 4 * r * r * k + 2 * r * r * r;
        }
    }

    private (int Rows, int Cols) Dimensions()
    {
        string[] parts = Shape.Split('x');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [GlobalSetup]
    public void Setup()
    {
        _savedThreads = SimdPolicy.MaxThreads;
        SimdPolicy.MaxThreads = Threads;
        (int rows, int cols) = Dimensions();
        _view = MatrixView.Of([rows, cols], TensorView.Stack);
        _input = Inputs.Filled(rows * cols).G;
        _output = AlignedMemory.Allocate(rows * cols);
    }

    [GlobalCleanup]
    public void Cleanup() => SimdPolicy.MaxThreads = _savedThreads;

    [Benchmark]
    public void NewtonSchulzIteration() =>
        MatrixOps.NewtonSchulz(_view, ref _input.Span[0], ref _output.Span[0], 3.4445, -4.775, 2.0315, 1, 1e-7);

    [Benchmark(Baseline = true)]
    public float FmaPeak() => GemmBenchmarks.FmaKernel(GemmBenchmarks.PeakIterations);
}
