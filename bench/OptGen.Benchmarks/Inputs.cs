using System;

namespace OptGen.Benchmarks;

/// <summary>The benchmarks' inputs: aligned weights in [0, 1) and gradients in [−0.5, 0.5), the same for every N.</summary>
internal static class Inputs
{
    public static (Memory<float> W, Memory<float> G) Filled(int n)
    {
        Memory<float> w = AlignedMemory.Allocate(n), g = AlignedMemory.Allocate(n);
        var rng = new Random(1);
        Span<float> ws = w.Span, gs = g.Span;
        for (int i = 0; i < n; i++)
        {
            ws[i] = (float)rng.NextDouble();
            gs[i] = (float)(rng.NextDouble() - 0.5);
        }
        return (w, g);
    }

    /// <summary>A parameter of <paramref name="n"/> elements (the runtime's aligned allocation) holding <see cref="Filled"/>.</summary>
    public static Parameter Parameter(int n)
    {
        var p = new Parameter(n);
        (Memory<float> w, Memory<float> g) = Filled(n);
        w.Span.CopyTo(p.Value);
        g.Span.CopyTo(p.Grad);
        return p;
    }

    /// <summary>
    /// A [<paramref name="rows"/>, <paramref name="cols"/>] parameter holding <see cref="Filled"/>, and the aligned
    /// copies it was filled from (the memory-only kernels' streams).
    /// </summary>
    public static (Parameter P, Memory<float> W, Memory<float> G) Matrix(int rows, int cols)
    {
        var p = new Parameter([rows, cols]);
        (Memory<float> w, Memory<float> g) = Filled(rows * cols);
        w.Span.CopyTo(p.Value);
        g.Span.CopyTo(p.Grad);
        return (p, w, g);
    }
}
