using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OptGen.Nn;

namespace OptGen.Internal;

/// <summary>Matrix-valued built-ins of the formula language, applied to every matrix of a tensor's stack.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MatrixOps
{
    [ThreadStatic] private static float[]? t_workspace;

    /// <summary>
    /// <c>newton_schulz(x, a, b, c, steps, eps)</c>, as torch.optim.Muon orthogonalises its update: for each matrix X
    /// (transposed first when it has more rows than columns), X ← X / max(‖X‖_F, eps), then <paramref name="steps"/>
    /// times A = X·Xᵀ, B = b·A + c·A·A, X ← a·X + B·X; the result is written to <paramref name="output"/>. In float32 with
    /// <see cref="OrderedMatMul"/>, whose bits do not depend on the vector width (PyTorch runs it in bfloat16).
    /// </summary>
    public static void NewtonSchulz(MatrixView view, ref float input, ref float output, double a, double b, double c, double steps, double eps)
    {
        if (!(steps >= 0) || steps != Math.Floor(steps) || steps > 1000)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "newton_schulz: the step count must be a whole number from 0 to 1000.");
        int rows = view.Rows, cols = view.Cols, size = rows * cols;
        bool transpose = rows > cols;
        int r = transpose ? cols : rows, k = transpose ? rows : cols; // X is r × k with r <= k
        Span<float> work = Workspace(3 * size + 2 * r * r);
        Span<float> x = work[..size], xt = work.Slice(size, size), product = work.Slice(2 * size, size);
        Span<float> gram = work.Slice(3 * size, r * r), update = work.Slice(3 * size + r * r, r * r);
        for (int m = 0; m < view.Matrices; m++)
        {
            ReadOnlySpan<float> source = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input, (nint)m * size), size);
            Span<float> target = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, (nint)m * size), size);
            if (transpose)
                Gemm.Transpose(source, rows, cols, x);
            else
                source.CopyTo(x);
            double norm = 0;
            foreach (float v in x)
                norm += (double)v * v;
            float scale = (float)(1 / Math.Max(Math.Sqrt(norm), eps));
            for (int i = 0; i < size; i++)
                x[i] *= scale;
            for (int step = 0; step < (int)steps; step++)
            {
                Gemm.Transpose(x, r, k, xt);
                OrderedMatMul.Multiply(x, xt, gram, r, k, r);                              // A = X·Xᵀ
                OrderedMatMul.Multiply(gram, gram, update, r, r, r);                       // A·A
                for (int i = 0; i < r * r; i++)
                    update[i] = (float)(b * gram[i] + c * update[i]);                     // B = b·A + c·A·A
                OrderedMatMul.Multiply(update, x, product, r, r, k);                       // B·X
                for (int i = 0; i < size; i++)
                    x[i] = (float)(a * x[i] + product[i]);                                 // X = a·X + B·X
            }
            if (transpose)
                Gemm.Transpose(x, r, k, target);
            else
                x.CopyTo(target);
        }
    }

    // Grows once, on the first step with a matrix this large, so later steps allocate nothing.
    private static Span<float> Workspace(int length)
    {
        float[] w = t_workspace ??= [];
        if (w.Length < length)
            w = t_workspace = new float[length];
        return w.AsSpan(0, length);
    }
}
