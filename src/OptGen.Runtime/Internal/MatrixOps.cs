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
    /// the packed <see cref="Gemm"/>, whose bits depend on neither the vector width nor the core count (PyTorch runs it in bfloat16).
    /// </summary>
    public static void NewtonSchulz(MatrixView view, ref float input, ref float output, double a, double b, double c, double steps, double eps)
    {
        if (!(steps >= 0) || steps != Math.Floor(steps) || steps > 1000)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "newton_schulz: the step count must be a whole number from 0 to 1000.");
        int rows = view.Rows, cols = view.Cols, size = rows * cols;
        bool transpose = rows > cols;
        int r = transpose ? cols : rows, k = transpose ? rows : cols; // X is r × k with r <= k
        Span<float> work = Workspace(2 * size + 2 * r * r);
        Span<float> x = work[..size], product = work.Slice(size, size);
        Span<float> gram = work.Slice(2 * size, r * r), update = work.Slice(2 * size + r * r, r * r);
        for (int m = 0; m < view.Matrices; m++)
        {
            ReadOnlySpan<float> source = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref input, (nint)m * size), size);
            Span<float> target = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, (nint)m * size), size);
            if (transpose)
                Transpose(source, rows, cols, x);
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
                SymmetricProduct(x, gram, r, k);                                               // A = X·Xᵀ
                SymmetricProduct(gram, update, r, r);                                          // A·A = A·Aᵀ (A is symmetric)
                for (int i = 0; i < r * r; i++)
                    update[i] = (float)(b * gram[i] + c * update[i]);                     // B = b·A + c·A·A
                Gemm.Multiply(update, false, x, false, product, r, k, r, accumulate: false);  // B·X
                for (int i = 0; i < size; i++)
                    x[i] = (float)(a * x[i] + product[i]);                                 // X = a·X + B·X
            }
            if (transpose)
                Transpose(x, r, k, target);
            else
                x.CopyTo(target);
        }
    }

    /// <summary>
    /// <c>C[r×r] = X[r×k] · Xᵀ</c>, a symmetric product: only the blocks on and above the diagonal are multiplied (row
    /// block I against rows I… of X), the rest copied across. A value of C and its mirror are the same sum in the same
    /// order (each term x_iq·x_jq is the same product either way round, and <see cref="Gemm"/>'s k blocks depend on k
    /// alone), so the result has the bits of the full product, on any number of cores.
    /// </summary>
    internal static void SymmetricProduct(ReadOnlySpan<float> x, Span<float> c, int r, int k)
    {
        int block = SymmetricBlock(r);
        for (int i0 = 0; i0 < r; i0 += block)
        {
            int rows = Math.Min(block, r - i0);
            // C[i0.., i0..] = X[i0..i0+rows, :] · X[i0.., :]ᵀ, written into C with its row stride r.
            Gemm.Multiply(x.Slice(i0 * k), k, false, x.Slice(i0 * k), k, true, c.Slice(i0 * r + i0), r, rows, r - i0, k, accumulate: false);
        }
        // Each value of row i left of its block's start is the mirror of one above; in 16 × 16 tiles, so the column
        // reads stay in cache.
        const int Tile = 16;
        for (int jt = 0; jt < r; jt += Tile)
        {
            for (int it = jt; it < r; it += Tile)
            {
                for (int i = it; i < Math.Min(it + Tile, r); i++)
                {
                    int end = Math.Min(Math.Min(jt + Tile, r), i / block * block);
                    for (int j = jt; j < end; j++)
                        c[i * r + j] = c[j * r + i];
                }
            }
        }
    }

    // Row blocks of the symmetric product: about r / 8 rows (the diagonal blocks are multiplied whole, so smaller blocks
    // waste less; each is a product large enough to pack and to split across cores), whole 48-row groups (the GEMM's
    // 6-row tiles and 16-column panels).
    private static int SymmetricBlock(int r) => Math.Max(48, (r / 8 + 47) / 48 * 48);

    // destination[cols × rows] = source[rows × cols]ᵀ (once per matrix on the way in and out; the iterations read
    // transposed operands in place).
    private static void Transpose(ReadOnlySpan<float> source, int rows, int cols, Span<float> destination)
    {
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<float> row = source.Slice(i * cols, cols);
            for (int j = 0; j < cols; j++)
                destination[j * rows + i] = row[j];
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
