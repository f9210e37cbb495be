using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

public static unsafe partial class Kernels
{
    [ThreadStatic] private static double[]? t_columnSums;

    /// <summary>
    /// Runs a pass that sees the matrix view: row by row through every matrix, each row peeled to the anchor's alignment,
    /// in vectors, and its ragged end one element at a time. Term j lands in <paramref name="results"/> (per-tensor
    /// terms) or in output j: one float per row, column or matrix (a sum, maximum or minimum; the generated code scales
    /// a mean and takes a norm's root).
    /// </summary>
    /// <remarks>
    /// As in <see cref="Run{K}(ref K, int, out Reductions)"/>, a sum does not depend on the width: within a row element c
    /// goes to lane c mod 16 and the lanes are summed in order; rows, matrices and the tensor add up their rows in order;
    /// a column sums its rows in order (in double).
    /// </remarks>
    public static void RunAxes<K>(scoped ref K kernel, MatrixView view, out Reductions results,
        Span<float> out0 = default, Span<float> out1 = default, Span<float> out2 = default, Span<float> out3 = default)
        where K : IAxisKernel, allows ref struct
    {
        results = default;
        var outputs = new AxisOutputs { O0 = out0, O1 = out1, O2 = out2, O3 = out3 };
        if (view.Length == 0)
            return;
        int bits = SimdPolicy.MaxVectorBits;
        if (bits >= 512 && (Vector512.IsHardwareAccelerated || SimdPolicy.UseUnacceleratedWidths))
            AxisLoop<K, F32x16>(ref kernel, view, ref results, ref outputs);
        else if (bits >= 256 && (Vector256.IsHardwareAccelerated || SimdPolicy.UseUnacceleratedWidths))
            AxisLoop<K, F32x8>(ref kernel, view, ref results, ref outputs);
        else if (bits >= 128 && (Vector128.IsHardwareAccelerated || SimdPolicy.UseUnacceleratedWidths))
            AxisLoop<K, F32x4>(ref kernel, view, ref results, ref outputs);
        else
            AxisLoop<K, F32x1>(ref kernel, view, ref results, ref outputs);
    }

    private ref struct AxisOutputs
    {
        public Span<float> O0, O1, O2, O3;

        public readonly Span<float> this[int j] => j switch { 0 => O0, 1 => O1, 2 => O2, _ => O3 };
    }

    private static bool IsLaneSum(AxisTerm kind) => kind is AxisTerm.TensorSum or AxisTerm.RowSum or AxisTerm.MatrixSum;

    private static bool IsRowMax(AxisTerm kind) => kind is AxisTerm.TensorMax or AxisTerm.RowMax or AxisTerm.MatrixMax;

    private static bool IsRowMin(AxisTerm kind) => kind is AxisTerm.RowMin or AxisTerm.MatrixMin;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as Kernels.RunRange<K, V>
    private static void AxisLoop<K, V>(ref K kernel, MatrixView view, ref Reductions results, ref AxisOutputs outputs)
        where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        K k = kernel;
        int matrices = view.Matrices, rows = view.Rows, cols = view.Cols;
        int terms = K.TermCount;
        double[] columnSums = ColumnWorkspace(terms * matrices * cols);
        Span<double> lanes = stackalloc double[BlockLength * Terms<F32x1>.Capacity];
        Span<float> rowExtremes = stackalloc float[Terms<F32x1>.Capacity];
        Span<double> matrixTotals = stackalloc double[Terms<F32x1>.Capacity];
        Span<double> tensorTotals = stackalloc double[Terms<F32x1>.Capacity];
        for (int j = 0; j < terms; j++)
        {
            AxisTerm kind = K.TermKind(j);
            if (kind is AxisTerm.ColumnMax or AxisTerm.RowMax or AxisTerm.MatrixMax)
                outputs[j].Fill(float.NegativeInfinity);
            else if (kind is AxisTerm.ColumnMin or AxisTerm.RowMin or AxisTerm.MatrixMin)
                outputs[j].Fill(float.PositiveInfinity);
        }
        AxisSite s = default;
        Terms<V> t = default;
        Terms<F32x1> t1 = default;
        k.Splat(ref t);
        k.Splat(ref t1);
        for (int mat = 0; mat < matrices; mat++)
        {
            for (int j = 0; j < terms; j++)
                matrixTotals[j] = IsRowMax(K.TermKind(j)) ? double.NegativeInfinity : IsRowMin(K.TermKind(j)) ? double.PositiveInfinity : 0;
            for (int row = 0; row < rows; row++)
            {
                s.Matrix = mat;
                s.RowIndex = row;
                s.Row = (nint)mat * rows + row;
                nint start = s.Row * cols;
                lanes.Clear();
                for (int j = 0; j < terms; j++)
                    rowExtremes[j] = IsRowMin(K.TermKind(j)) ? float.PositiveInfinity : float.NegativeInfinity;
                int c = 0;
                if (V.Count > 1)
                {
                    int head = (int)Peel(ref k.Anchor, start, cols);
                    for (; c < head; c++)
                        AxisOne(ref k, ref s, start, mat, cols, c, ref t1, lanes, rowExtremes, columnSums, ref outputs, matrices);
                    int rotation = head & 15;
                    SumLanes s0 = AxisRotated<K>(lanes, 0, rotation), s1 = AxisRotated<K>(lanes, 1, rotation);
                    SumLanes s2 = AxisRotated<K>(lanes, 2, rotation), s3 = AxisRotated<K>(lanes, 3, rotation);
                    V e0 = Extreme<K, V>(0), e1 = Extreme<K, V>(1), e2 = Extreme<K, V>(2), e3 = Extreme<K, V>(3);
                    int stride = matrices * cols;
                    for (; c <= cols - BlockLength; c += BlockLength)
                    {
                        // One, two or four parts per block of 16; V.Count is a constant, so the JIT keeps only the parts it
                        // needs and each part's lane quarter is a constant (no switch in the loop).
                        AxisPart<K, V>(ref k, ref s, ref t, 0, c, start, mat, row, cols, ref s0, ref s1, ref s2, ref s3,
                            ref e0, ref e1, ref e2, ref e3, columnSums, ref outputs, stride);
                        if (V.Count <= 8)
                            AxisPart<K, V>(ref k, ref s, ref t, 1, c, start, mat, row, cols, ref s0, ref s1, ref s2, ref s3,
                                ref e0, ref e1, ref e2, ref e3, columnSums, ref outputs, stride);
                        if (V.Count <= 4)
                        {
                            AxisPart<K, V>(ref k, ref s, ref t, 2, c, start, mat, row, cols, ref s0, ref s1, ref s2, ref s3,
                                ref e0, ref e1, ref e2, ref e3, columnSums, ref outputs, stride);
                            AxisPart<K, V>(ref k, ref s, ref t, 3, c, start, mat, row, cols, ref s0, ref s1, ref s2, ref s3,
                                ref e0, ref e1, ref e2, ref e3, columnSums, ref outputs, stride);
                        }
                    }
                    AxisUnrotate<K>(s0, lanes, 0, rotation);
                    AxisUnrotate<K>(s1, lanes, 1, rotation);
                    AxisUnrotate<K>(s2, lanes, 2, rotation);
                    AxisUnrotate<K>(s3, lanes, 3, rotation);
                    MergeExtreme<K, V>(e0, rowExtremes, 0);
                    MergeExtreme<K, V>(e1, rowExtremes, 1);
                    MergeExtreme<K, V>(e2, rowExtremes, 2);
                    MergeExtreme<K, V>(e3, rowExtremes, 3);
                }
                for (; c < cols; c++)
                    AxisOne(ref k, ref s, start, mat, cols, c, ref t1, lanes, rowExtremes, columnSums, ref outputs, matrices);
                FinishRow<K>(s.Row, lanes, rowExtremes, matrixTotals, tensorTotals, ref outputs);
            }
            for (int j = 0; j < terms; j++)
            {
                AxisTerm kind = K.TermKind(j);
                if (kind is AxisTerm.MatrixSum or AxisTerm.MatrixMax or AxisTerm.MatrixMin)
                    outputs[j][mat] = (float)matrixTotals[j];
            }
        }
        for (int j = 0; j < terms; j++)
        {
            AxisTerm kind = K.TermKind(j);
            if (kind == AxisTerm.ColumnSum)
            {
                Span<float> output = outputs[j];
                ReadOnlySpan<double> sums = columnSums.AsSpan(j * matrices * cols, matrices * cols);
                for (int i = 0; i < sums.Length; i++)
                    output[i] = (float)sums[i];
            }
            else if (kind is AxisTerm.TensorSum or AxisTerm.TensorMax)
            {
                results[j] = tensorTotals[j];
            }
        }
    }

    // A zeroed workspace of at least 'length' doubles for column sums; grows once, on the first step with a tensor this wide.
    private static double[] ColumnWorkspace(int length)
    {
        double[] sums = t_columnSums ??= [];
        if (sums.Length < length)
            sums = t_columnSums = new double[length];
        Array.Clear(sums, 0, length);
        return sums;
    }

    private static SumLanes AxisRotated<K>(ReadOnlySpan<double> lanes, int j, int rotation) where K : IAxisKernel, allows ref struct =>
        j < K.TermCount && IsLaneSum(K.TermKind(j)) ? SumLanes.Rotated(lanes.Slice(BlockLength * j, BlockLength), rotation) : default;

    private static void AxisUnrotate<K>(in SumLanes sums, Span<double> lanes, int j, int rotation) where K : IAxisKernel, allows ref struct
    {
        if (j < K.TermCount && IsLaneSum(K.TermKind(j)))
            sums.Unrotate(lanes.Slice(BlockLength * j, BlockLength), rotation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Extreme<K, V>(int j) where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V> =>
        j < K.TermCount && IsRowMin(K.TermKind(j)) ? V.Splat(float.PositiveInfinity) : V.Splat(float.NegativeInfinity);

    private static void MergeExtreme<K, V>(V extreme, Span<float> rowExtremes, int j) where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        if (j >= K.TermCount)
            return;
        AxisTerm kind = K.TermKind(j);
        if (IsRowMax(kind))
            rowExtremes[j] = MathF.Max(rowExtremes[j], V.MaxLane(extreme));
        else if (IsRowMin(kind))
            rowExtremes[j] = MathF.Min(rowExtremes[j], -V.MaxLane(-extreme));
    }

    // Part 'part' of a block of 16 at column c: the site's indices, the kernel, and its terms into the accumulators.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AxisPart<K, V>(ref K k, ref AxisSite s, ref Terms<V> t, int part, int c, nint start, int mat, int row, int cols,
        ref SumLanes s0, ref SumLanes s1, ref SumLanes s2, ref SumLanes s3, ref V e0, ref V e1, ref V e2, ref V e3,
        double[] columnSums, ref AxisOutputs outputs, int stride) where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        int at = c + part * V.Count;
        s.I = start + at;
        s.ColIndex = at;
        s.Col = (nint)mat * cols + at;
        s.MatrixElement = (nint)row * cols + at;
        k.Run(in s, ref t);
        AxisAccumulate<K, V>(ref t, part, ref s0, ref s1, ref s2, ref s3, ref e0, ref e1, ref e2, ref e3, columnSums, ref outputs, s.Col, stride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AxisAccumulate<K, V>(ref Terms<V> t, int part, ref SumLanes s0, ref SumLanes s1, ref SumLanes s2, ref SumLanes s3,
        ref V e0, ref V e1, ref V e2, ref V e3, double[] columnSums, ref AxisOutputs outputs, nint col, int stride)
        where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        if (K.TermCount > 0) AccumulateTerm<K, V>(0, t.T0, part, ref s0, ref e0, columnSums, ref outputs, col, stride);
        if (K.TermCount > 1) AccumulateTerm<K, V>(1, t.T1, part, ref s1, ref e1, columnSums, ref outputs, col, stride);
        if (K.TermCount > 2) AccumulateTerm<K, V>(2, t.T2, part, ref s2, ref e2, columnSums, ref outputs, col, stride);
        if (K.TermCount > 3) AccumulateTerm<K, V>(3, t.T3, part, ref s3, ref e3, columnSums, ref outputs, col, stride);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateTerm<K, V>(int j, V term, int part, ref SumLanes sums, ref V extreme, double[] columnSums,
        ref AxisOutputs outputs, nint col, int stride) where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        switch (K.TermKind(j))
        {
            case AxisTerm.TensorSum or AxisTerm.RowSum or AxisTerm.MatrixSum:
                V.AddTo(ref sums, term, part);
                break;
            case AxisTerm.TensorMax or AxisTerm.RowMax or AxisTerm.MatrixMax:
                extreme = V.Max(extreme, term);
                break;
            case AxisTerm.RowMin or AxisTerm.MatrixMin:
                extreme = V.Min(extreme, term);
                break;
            case AxisTerm.ColumnSum:
                V.AddInto(ref columnSums[0], j * stride + col, term);
                break;
            case AxisTerm.ColumnMax:
                V.MaxInto(ref outputs[j][0], col, term);
                break;
            case AxisTerm.ColumnMin:
                V.MinInto(ref outputs[j][0], col, term);
                break;
        }
    }

    // One element of a row (a peeled head, the ragged end, or the one-lane path).
    private static void AxisOne<K>(ref K k, ref AxisSite s, nint start, int mat, int cols, int c, ref Terms<F32x1> t,
        scoped Span<double> lanes, scoped Span<float> rowExtremes, double[] columnSums, ref AxisOutputs outputs, int matrices)
        where K : IAxisKernel, allows ref struct
    {
        s.I = start + c;
        s.ColIndex = c;
        s.Col = (nint)mat * cols + c;
        s.MatrixElement = s.RowIndex * cols + c;
        k.Run(in s, ref t);
        for (int j = 0; j < K.TermCount; j++)
        {
            float x = F32x1.First(t.Get(j));
            switch (K.TermKind(j))
            {
                case AxisTerm.TensorSum or AxisTerm.RowSum or AxisTerm.MatrixSum:
                    lanes[BlockLength * j + (c & 15)] += x;
                    break;
                case AxisTerm.TensorMax or AxisTerm.RowMax or AxisTerm.MatrixMax:
                    rowExtremes[j] = MathF.Max(rowExtremes[j], x);
                    break;
                case AxisTerm.RowMin or AxisTerm.MatrixMin:
                    rowExtremes[j] = MathF.Min(rowExtremes[j], x);
                    break;
                case AxisTerm.ColumnSum:
                    columnSums[j * matrices * cols + s.Col] += x;
                    break;
                case AxisTerm.ColumnMax:
                    outputs[j][(int)s.Col] = MathF.Max(outputs[j][(int)s.Col], x);
                    break;
                case AxisTerm.ColumnMin:
                    outputs[j][(int)s.Col] = MathF.Min(outputs[j][(int)s.Col], x);
                    break;
            }
        }
    }

    // A row's lanes summed in order; its sums and extremes handed to the row, matrix and tensor they belong to.
    private static void FinishRow<K>(nint row, scoped ReadOnlySpan<double> lanes, scoped ReadOnlySpan<float> rowExtremes, scoped Span<double> matrixTotals,
        scoped Span<double> tensorTotals, ref AxisOutputs outputs) where K : IAxisKernel, allows ref struct
    {
        for (int j = 0; j < K.TermCount; j++)
        {
            switch (K.TermKind(j))
            {
                case AxisTerm.RowSum:
                    outputs[j][(int)row] = (float)SumLanes.Fold(lanes.Slice(BlockLength * j, BlockLength));
                    break;
                case AxisTerm.MatrixSum:
                    matrixTotals[j] += SumLanes.Fold(lanes.Slice(BlockLength * j, BlockLength));
                    break;
                case AxisTerm.TensorSum:
                    tensorTotals[j] += SumLanes.Fold(lanes.Slice(BlockLength * j, BlockLength));
                    break;
                case AxisTerm.RowMax or AxisTerm.RowMin:
                    outputs[j][(int)row] = rowExtremes[j];
                    break;
                case AxisTerm.MatrixMax:
                    matrixTotals[j] = Math.Max(matrixTotals[j], rowExtremes[j]);
                    break;
                case AxisTerm.MatrixMin:
                    matrixTotals[j] = Math.Min(matrixTotals[j], rowExtremes[j]);
                    break;
                case AxisTerm.TensorMax:
                    tensorTotals[j] = Math.Max(tensorTotals[j], rowExtremes[j]);
                    break;
            }
        }
    }
}
