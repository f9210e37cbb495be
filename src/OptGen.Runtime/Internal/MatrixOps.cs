using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    public static void NewtonSchulz(MatrixView view, ref float input, ref float output, double a, double b, double c, double steps, double eps) =>
        NewtonSchulz(view, ref Unsafe.As<float, byte>(ref input), bfloat16: false, ref output, a, b, c, steps, eps);

    /// <summary>The same of a bfloat16 state (<c>[State("m", Storage = StateStorage.BFloat16)]</c>), widened as it is read.</summary>
    public static void NewtonSchulz(MatrixView view, ref ushort input, ref float output, double a, double b, double c, double steps, double eps) =>
        NewtonSchulz(view, ref Unsafe.As<ushort, byte>(ref input), bfloat16: true, ref output, a, b, c, steps, eps);

    private static void NewtonSchulz(MatrixView view, ref byte input, bool bfloat16, ref float output, double a, double b, double c, double steps, double eps)
    {
        if (!(steps >= 0) || steps != Math.Floor(steps) || steps > 1000)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, "newton_schulz: the step count must be a whole number from 0 to 1000.");
        int rows = view.Rows, cols = view.Cols, size = rows * cols;
        // A tall matrix is orthogonalised as its transpose X = Yᵀ without being transposed: it stays Y (k × r) and the
        // iteration is written for Y, A = Yᵀ·Y and Y ← a·Y + Y·B (= (B·X)ᵀ, B being symmetric). Every value is the same
        // sum of the same products in the same order as for X, so the bits are those of the transposed iteration.
        bool tall = rows > cols;
        int r = tall ? cols : rows, k = tall ? rows : cols; // X is r × k with r <= k
        Span<float> work = Workspace(WorkspaceLength(view));
        Span<float> x = work[..size], product = work.Slice(size, size);
        Span<float> gram = work.Slice(2 * size, r * r), update = work.Slice(2 * size + r * r, r * r);
        for (int m = 0; m < view.Matrices; m++)
        {
            if (bfloat16)
            {
                ref ushort matrix = ref Unsafe.Add(ref Unsafe.As<byte, ushort>(ref input), (nint)m * size);
                for (int i = 0; i < size; i++)
                    x[i] = BFloat16.ToFloat(Unsafe.Add(ref matrix, i));
            }
            else
            {
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref Unsafe.As<byte, float>(ref input), (nint)m * size), size).CopyTo(x);
            }
            float scale = (float)(1 / Math.Max(Math.Sqrt(SumOfSquares(x)), eps));
            Scale(x, scale);
            for (int step = 0; step < (int)steps; step++)
            {
                SymmetricProduct(x, gram, r, k, tall ? Gram.ColumnsByColumns : Gram.RowsByRows); // A = X·Xᵀ
                SymmetricProduct(gram, update, r, r, Gram.SymmetricSquare);                      // A·A
                Combine(b, gram, c, update);                                                     // B = b·A + c·A·A
                if (tall)
                    Gemm.Multiply(x, false, update, false, product, k, r, r, accumulate: false); // Y·B = (B·X)ᵀ
                else
                    Gemm.Multiply(update, false, x, false, product, r, k, r, accumulate: false); // B·X
                Combine(a, x, 1, product);                                                       // a·X + B·X
                Span<float> next = product;
                product = x;
                x = next;                                                                        // … is the next X
            }
            x.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref output, (nint)m * size), size));
        }
    }

    /// <summary>Which symmetric product <see cref="SymmetricProduct"/> computes.</summary>
    internal enum Gram
    {
        /// <summary><c>X·Xᵀ</c> of an r × k X.</summary>
        RowsByRows,

        /// <summary><c>Yᵀ·Y</c> of a k × r Y (the same as X·Xᵀ for X = Yᵀ).</summary>
        ColumnsByColumns,

        /// <summary><c>S·S</c> of a symmetric r × r S (= S·Sᵀ), read untransposed, which packs faster.</summary>
        SymmetricSquare,
    }

    /// <summary>
    /// The r × r symmetric product <paramref name="kind"/> of <paramref name="x"/>: only the blocks on and above the
    /// diagonal are multiplied (row block I against columns I… of the product), the rest copied across. A value of C and
    /// its mirror are the same sum in the same order (each term is the same product either way round, and
    /// <see cref="Gemm"/>'s k blocks depend on k alone), so the result has the bits of the full product, on any number
    /// of cores.
    /// </summary>
    internal static void SymmetricProduct(ReadOnlySpan<float> x, Span<float> c, int r, int k, Gram kind)
    {
        int block = SymmetricBlock(r);
        for (int i0 = 0; i0 < r; i0 += block)
        {
            int rows = Math.Min(block, r - i0), n = r - i0;
            Span<float> target = c.Slice(i0 * r + i0); // C[i0.., i0..] with its row stride r
            if (kind == Gram.ColumnsByColumns)
                Gemm.Multiply(x.Slice(i0), r, true, x.Slice(i0), r, false, target, r, rows, n, k, accumulate: false);
            else if (kind == Gram.SymmetricSquare)
                Gemm.Multiply(x.Slice(i0 * k), k, false, x.Slice(i0), k, false, target, r, rows, n, k, accumulate: false);
            else
                Gemm.Multiply(x.Slice(i0 * k), k, false, x.Slice(i0 * k), k, true, target, r, rows, n, k, accumulate: false);
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
    // Σ x² in double, element i in lane i mod 16 and the lanes summed in order: the same bits at any width.
    private static double SumOfSquares(ReadOnlySpan<float> x)
    {
        Vector256<double> s0 = default, s1 = default, s2 = default, s3 = default;
        ref float start = ref MemoryMarshal.GetReference(x);
        int i = 0;
        for (; i <= x.Length - 16; i += 16)
        {
            Vector256<float> lo = Vector256.LoadUnsafe(ref start, (nuint)i), hi = Vector256.LoadUnsafe(ref start, (nuint)i + 8);
            (Vector256<double> a, Vector256<double> b) = Vector256.Widen(lo);
            (Vector256<double> c, Vector256<double> d) = Vector256.Widen(hi);
            s0 += a * a;
            s1 += b * b;
            s2 += c * c;
            s3 += d * d;
        }
        Span<double> lanes = stackalloc double[16];
        s0.CopyTo(lanes);
        s1.CopyTo(lanes[4..]);
        s2.CopyTo(lanes[8..]);
        s3.CopyTo(lanes[12..]);
        for (int q = 0; i < x.Length; i++, q++)
            lanes[q] += (double)x[i] * x[i];
        double sum = 0;
        foreach (double lane in lanes)
            sum += lane;
        return sum;
    }

    private static void Scale(Span<float> x, float scale)
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        int i = 0;
        for (; i <= x.Length - 8; i += 8)
            (Vector256.LoadUnsafe(ref start, (nuint)i) * scale).StoreUnsafe(ref start, (nuint)i);
        for (; i < x.Length; i++)
            x[i] *= scale;
    }

    // y = (float)(p · x + q · y), each element in double (a product, a product, a sum: no fused step, as the scalar code).
    private static void Combine(double p, ReadOnlySpan<float> x, double q, Span<float> y)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        Vector256<double> vp = Vector256.Create(p), vq = Vector256.Create(q);
        int i = 0;
        for (; i <= y.Length - 8; i += 8)
        {
            (Vector256<double> xl, Vector256<double> xh) = Vector256.Widen(Vector256.LoadUnsafe(ref xs, (nuint)i));
            (Vector256<double> yl, Vector256<double> yh) = Vector256.Widen(Vector256.LoadUnsafe(ref ys, (nuint)i));
            Vector256.Narrow(vp * xl + vq * yl, vp * xh + vq * yh).StoreUnsafe(ref ys, (nuint)i);
        }
        for (; i < y.Length; i++)
            y[i] = (float)(p * x[i] + q * y[i]);
    }

    // Grows once, on the first step with a matrix this large, so later steps allocate nothing.
    private static Span<float> Workspace(int length)
    {
        if (GroupThreadBuffers.Current is { } group) // a tensor of a group: the group's set for this thread, grown before
        {
            if (group.Workspace.Length < length)
                group.Workspace = new float[length];
            return group.Workspace.AsSpan(0, length);
        }
        float[] w = t_workspace ??= [];
        if (w.Length < length)
            w = t_workspace = new float[length];
        return w.AsSpan(0, length);
    }

    /// <summary>Floats of workspace <see cref="NewtonSchulz(MatrixView, ref float, ref float, double, double, double, double, double)"/> takes for a matrix of <paramref name="view"/>: X and a product, A and B.</summary>
    internal static int WorkspaceLength(MatrixView view)
    {
        int size = view.Rows * view.Cols, r = Math.Min(view.Rows, view.Cols);
        return 2 * size + 2 * r * r;
    }
}
