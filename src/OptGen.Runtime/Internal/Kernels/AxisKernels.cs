using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

public static unsafe partial class Kernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // in the loops, with a constant kind: folds away
    private static bool IsLaneSum(AxisTerm kind) => kind is AxisTerm.TensorSum or AxisTerm.RowSum or AxisTerm.MatrixSum;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // in the loops, with a constant kind: folds away
    private static bool IsRowMax(AxisTerm kind) => kind is AxisTerm.TensorMax or AxisTerm.RowMax or AxisTerm.MatrixMax;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // in the loops, with a constant kind: folds away
    private static bool IsRowMin(AxisTerm kind) => kind is AxisTerm.RowMin or AxisTerm.MatrixMin;

    /// <summary>Chunk <paramref name="chunk"/> of an axis pass at the widest width allowed (see <see cref="RunAxes"/>).</summary>
    internal static void RunAxisChunk<K>(ref K kernel, in AxisChunks chunks, int chunk, ref AxisOutputs outputs, AxisScratch scratch)
        where K : IAxisKernel, allows ref struct
    {
        int bits = SimdPolicy.MaxVectorBits;
        if (bits >= 512 && (Vector512.IsHardwareAccelerated || SimdPolicy.UseUnacceleratedWidths))
            AxisLoop<K, F32x16>(ref kernel, chunks, chunk, ref outputs, scratch);
        else if (bits >= 256 && (Vector256.IsHardwareAccelerated || SimdPolicy.UseUnacceleratedWidths))
            AxisLoop<K, F32x8>(ref kernel, chunks, chunk, ref outputs, scratch);
        else if (bits >= 128 && (Vector128.IsHardwareAccelerated || SimdPolicy.UseUnacceleratedWidths))
            AxisLoop<K, F32x4>(ref kernel, chunks, chunk, ref outputs, scratch);
        else
            AxisLoop<K, F32x1>(ref kernel, chunks, chunk, ref outputs, scratch);
    }

    // The rows of one chunk, each peeled to the anchor's alignment, in vectors, and its ragged end one element at a
    // time. Row values go to the outputs; a chunk of whole matrices writes its matrices' values too, and a block of a
    // cut matrix leaves its partials in the scratch for the caller to combine.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as Kernels.RunRange<K, V>
    private static void AxisLoop<K, V>(ref K kernel, in AxisChunks chunks, int chunk, ref AxisOutputs outputs, AxisScratch scratch)
        where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        K k = kernel;
        chunks.Range(chunk, out int matFirst, out int matEnd, out int rowFirst, out int rowEnd);
        int rows = chunks.Rows, cols = chunks.Cols;
        int terms = K.TermCount;
        bool columnSums = HasTerm<K>(AxisTerm.ColumnSum);
        ChunkColumns columns = ColumnsOf<K>(chunks, chunk, matFirst, ref outputs, scratch);
        nint prefetchEnd = PrefetchEnd(0, (nint)chunks.Matrices * rows * cols); // along the whole tensor, across rows
        Span<double> lanes = stackalloc double[BlockLength * Terms<F32x1>.Capacity];
        Span<float> rowExtremes = stackalloc float[Terms<F32x1>.Capacity];
        Span<double> matrixTotals = stackalloc double[Terms<F32x1>.Capacity];
        Span<double> tensorTotals = stackalloc double[Terms<F32x1>.Capacity];
        AxisSite s = default;
        Terms<F32x1> t1 = default;
        k.Splat(ref t1);
        // A sum over the chunk's matrices or over one matrix keeps its sixteen lanes from row to row (element c of each
        // row to lane c mod 16) and is folded once, at the chunk's or the matrix's end; only a row's own sums are folded
        // per row. A fold is sixteen dependent additions: per row, they cost a narrow matrix more than its vector loop.
        lanes.Clear();
        for (int mat = matFirst; mat < matEnd; mat++)
        {
            for (int j = 0; j < terms; j++)
                matrixTotals[j] = IsRowMax(K.TermKind(j)) ? double.NegativeInfinity : IsRowMin(K.TermKind(j)) ? double.PositiveInfinity : 0;
            ClearLanes<K>(lanes, AxisTerm.MatrixSum);
            int colBase = (mat - matFirst) * cols; // the matrix's first column in the chunk's region
            for (int row = rowFirst; row < rowEnd; row++)
            {
                s.Matrix = mat;
                s.RowIndex = row;
                s.Row = (nint)mat * rows + row;
                nint start = s.Row * cols;
                k.BeginRow(in s, ref t1);
                ClearLanes<K>(lanes, AxisTerm.RowSum);
                for (int j = 0; j < terms; j++)
                    rowExtremes[j] = IsRowMin(K.TermKind(j)) ? float.PositiveInfinity : float.NegativeInfinity;
                int c = 0;
                if (V.Count > 1)
                {
                    int head = (int)Peel(ref k.Anchor, start, cols);
                    for (; c < head; c++)
                        AxisOne(ref k, ref s, start, mat, cols, c, colBase, ref t1, lanes, rowExtremes, ref columns);
                    c = AxisVectors<K, V>(ref k, s, start, mat, c, cols, colBase, prefetchEnd, lanes, rowExtremes, in columns);
                }
                for (; c < cols; c++)
                    AxisOne(ref k, ref s, start, mat, cols, c, colBase, ref t1, lanes, rowExtremes, ref columns);
                FinishRow<K>(s.Row, lanes, rowExtremes, matrixTotals, tensorTotals, ref outputs);
                if (columnSums && ((row - rowFirst + 1) % ColumnGroupRows == 0 || row == rowEnd - 1))
                    FlushColumns<K>(ref columns, colBase, cols);
            }
            FinishMatrix<K>(chunks, chunk, mat, lanes, matrixTotals, ref outputs, scratch);
        }
        FinishChunk<K>(chunks, chunk, matFirst, matEnd, lanes, tensorTotals, ref columns, ref outputs, scratch);
    }

    // The sixteen lanes of each term of the kind, zeroed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ClearLanes<K>(scoped Span<double> lanes, AxisTerm kind) where K : IAxisKernel, allows ref struct
    {
        for (int j = 0; j < K.TermCount; j++)
        {
            if (K.TermKind(j) == kind)
                lanes.Slice(BlockLength * j, BlockLength).Clear();
        }
    }

    // The vector part of one row, from column c (the anchor aligned there) in blocks of 16; returns the first column
    // it left for one element at a time. A method of its own, so that nothing in its loop has its address taken: the
    // kernel's references, the site, the splat slots and the sixteen lanes of each sum live in registers. (In the row
    // loop above, the calls that are not inlined (AxisOne and the lanes' rotation) took the addresses of the kernel, the
    // site and the sums, and every add in the loop went through memory: Adafactor's first pass on [4096, 4096], 15.2 ms
    // against 10.4 ms now; docs/architecture.md.) The chunk's columns come by reference: read once, before the loop
    // (ColumnRefs), they were six spans copied per row (Adafactor on 1,000 × [32, 32]: 4.0-4.4 -> 3.7-3.9 ns/param).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // as Kernels.RunRange<K, V>
    [SkipLocalsInit] // 'held' is written before it is read; zeroing it cost more than a short row's loop
    private static int AxisVectors<K, V>(ref K kernel, AxisSite site, nint start, int mat, int c, int cols, int colBase, nint prefetchEnd, scoped Span<double> lanes,
        scoped Span<float> rowExtremes, scoped in ChunkColumns columns) where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        // The loop's lane q holds element c + 16 b + q of the row, i.e. lane (c + q) mod 16: its accumulators start from
        // the head's sums rotated that way, and go back the same way.
        int rotation = c & 15;
        // Decided here, before the loop, while the inliner has budget left: the loop's inlines spend it, and after the
        // loop every helper stays a call. A call there with an accumulator still in a register (live across it) made
        // the JIT keep that accumulator on the stack, a store after every add in the loop; and every row made eight
        // calls (four lane stores, four extreme merges, whatever the kernel's terms). So after the loop: plain stores
        // of the accumulators (intrinsics, no call), then one call for the lanes and one for the extremes, each only
        // where the kernel has such terms (Adafactor on [2048, 64], one core: 480 → 422 µs; docs/performance-log.md).
        int sums = (IsTerm<K>(0, lanes: true) ? 1 : 0) | (IsTerm<K>(1, lanes: true) ? 2 : 0) | (IsTerm<K>(2, lanes: true) ? 4 : 0) | (IsTerm<K>(3, lanes: true) ? 8 : 0);
        bool x0 = IsTerm<K>(0, lanes: false), x1 = IsTerm<K>(1, lanes: false), x2 = IsTerm<K>(2, lanes: false), x3 = IsTerm<K>(3, lanes: false);
        // 'held' brings the row's lanes in, rotated, and takes the accumulators out after the loop (see SumLanes.RotateAll);
        // a row that starts on a block of 16 (every row of a matrix whose width is a multiple of 16) needs no rotation,
        // and its accumulators come from the lanes and go back there directly, with no call.
        Span<double> held = stackalloc double[Terms<F32x1>.Capacity * BlockLength];
        Span<double> accumulators = rotation != 0 ? held : lanes;
        ref double h = ref MemoryMarshal.GetReference(accumulators); // here, while the inliner has budget (after the loop it has none)
        if (sums != 0 && rotation != 0)
            SumLanes.RotateAll(lanes, held, rotation, sums);
        SumLanes s0 = SumLanes.Held(accumulators, 0, sums), s1 = SumLanes.Held(accumulators, 1, sums), s2 = SumLanes.Held(accumulators, 2, sums),
            s3 = SumLanes.Held(accumulators, 3, sums);
        V e0 = Extreme<K, V>(0), e1 = Extreme<K, V>(1), e2 = Extreme<K, V>(2), e3 = Extreme<K, V>(3);
        // Indices the loop would otherwise recompute per block (a multiply among them): the matrix's first column, the
        // chunk's column outputs from this matrix's first column, and the prefetch limit as a column of this row.
        nint colStart = (nint)mat * cols, prefetchCols = prefetchEnd - start;
        var refs = ColumnRefs.From(columns, colBase);
        // The loop's locals are made here, after the calls above (the lanes' rotation): on x64 Linux only five general
        // registers and no vector register survive a call, so a local live across one went to the stack, and the loop
        // reloaded the kernel's references, its splats and these indices from there every block (Adafactor's passes:
        // up to seven stack loads per block, none now; the calls after the loop see only the accumulators, stored).
        K k = kernel;
        AxisSite s = site;
        Terms<V> t = default;
        k.Splat(ref t);
        k.BeginRow(in s, ref t);
        for (; c <= cols - BlockLength; c += BlockLength)
        {
            // One line of each element stream per block; start + c is on a line boundary of the anchor.
            if (c < prefetchCols)
                k.Prefetch(start + c + PrefetchDistance);
            // One, two or four parts per block of 16; V.Count is a constant, so the JIT keeps only the parts it needs and
            // each part's lane quarter is a constant.
            AxisPart<K, V>(ref k, ref s, ref t, 0, c, start, colStart, ref s0, ref s1, ref s2, ref s3,
                ref e0, ref e1, ref e2, ref e3, ref refs);
            if (V.Count <= 8)
                AxisPart<K, V>(ref k, ref s, ref t, 1, c, start, colStart, ref s0, ref s1, ref s2, ref s3,
                    ref e0, ref e1, ref e2, ref e3, ref refs);
            if (V.Count <= 4)
            {
                AxisPart<K, V>(ref k, ref s, ref t, 2, c, start, colStart, ref s0, ref s1, ref s2, ref s3,
                    ref e0, ref e1, ref e2, ref e3, ref refs);
                AxisPart<K, V>(ref k, ref s, ref t, 3, c, start, colStart, ref s0, ref s1, ref s2, ref s3,
                    ref e0, ref e1, ref e2, ref e3, ref refs);
            }
        }
        if (sums != 0)
        {
            // The fields' stores written out: intrinsics, always expanded; a helper here is past the inliner's budget,
            // and a call taking the accumulators kept them on the stack through the whole loop.
            if ((sums & 1) != 0)
            {
                s0.L0.StoreUnsafe(ref h, 0); s0.L1.StoreUnsafe(ref h, 4); s0.L2.StoreUnsafe(ref h, 8); s0.L3.StoreUnsafe(ref h, 12);
            }
            if ((sums & 2) != 0)
            {
                s1.L0.StoreUnsafe(ref h, 16); s1.L1.StoreUnsafe(ref h, 20); s1.L2.StoreUnsafe(ref h, 24); s1.L3.StoreUnsafe(ref h, 28);
            }
            if ((sums & 4) != 0)
            {
                s2.L0.StoreUnsafe(ref h, 32); s2.L1.StoreUnsafe(ref h, 36); s2.L2.StoreUnsafe(ref h, 40); s2.L3.StoreUnsafe(ref h, 44);
            }
            if ((sums & 8) != 0)
            {
                s3.L0.StoreUnsafe(ref h, 48); s3.L1.StoreUnsafe(ref h, 52); s3.L2.StoreUnsafe(ref h, 56); s3.L3.StoreUnsafe(ref h, 60);
            }
            if (rotation != 0)
                SumLanes.UnrotateAll(held, lanes, rotation, sums);
        }
        // An absent term's extreme is passed as zero (ignored there), so that it is not kept alive through the loop.
        if (x0 || x1 || x2 || x3)
            MergeExtremes<K, V>(x0 ? e0 : default, x1 ? e1 : default, x2 ? e2 : default, x3 ? e3 : default, rowExtremes);
        return c;
    }

    // A matrix's values: into the outputs when the chunk holds the whole matrix, else the block's partial into the scratch.
    private static void FinishMatrix<K>(in AxisChunks chunks, int chunk, int mat, scoped ReadOnlySpan<double> lanes, scoped Span<double> matrixTotals,
        ref AxisOutputs outputs, AxisScratch scratch) where K : IAxisKernel, allows ref struct
    {
        for (int j = 0; j < K.TermCount; j++)
        {
            if (K.TermKind(j) is not (AxisTerm.MatrixSum or AxisTerm.MatrixMax or AxisTerm.MatrixMin))
                continue;
            if (K.TermKind(j) == AxisTerm.MatrixSum)
                matrixTotals[j] = SumLanes.Fold(lanes.Slice(BlockLength * j, BlockLength));
            if (chunks.CutsMatrices)
                scratch.Totals[chunk * K.TermCount + j] = matrixTotals[j];
            else
                outputs[j][mat] = (float)matrixTotals[j];
        }
    }

    // The chunk's per-tensor partials into the scratch; a chunk of whole matrices also writes its column sums.
    private static void FinishChunk<K>(in AxisChunks chunks, int chunk, int matFirst, int matEnd, scoped ReadOnlySpan<double> lanes,
        scoped ReadOnlySpan<double> tensorTotals, ref ChunkColumns columns, ref AxisOutputs outputs, AxisScratch scratch) where K : IAxisKernel, allows ref struct
    {
        int terms = K.TermCount;
        for (int j = 0; j < terms; j++)
        {
            AxisTerm kind = K.TermKind(j);
            if (kind == AxisTerm.TensorSum)
            {
                scratch.Totals[chunk * terms + j] = SumLanes.Fold(lanes.Slice(BlockLength * j, BlockLength));
            }
            else if (kind == AxisTerm.TensorMax)
            {
                scratch.Totals[chunk * terms + j] = tensorTotals[j];
            }
            else if (kind == AxisTerm.ColumnSum && !chunks.CutsMatrices)
            {
                int length = (matEnd - matFirst) * chunks.Cols;
                ReadOnlySpan<double> sums = columns.Sums.Slice(j * columns.Stride, length);
                Span<float> output = outputs[j].Slice(matFirst * chunks.Cols, length);
                for (int i = 0; i < sums.Length; i++)
                    output[i] = (float)sums[i];
            }
        }
    }

    // Whether term j is kept in sum lanes (lanes: true) or as a row's extreme (false); a constant where it is called.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsTerm<K>(int j, bool lanes) where K : IAxisKernel, allows ref struct =>
        j < K.TermCount && (lanes ? IsLaneSum(K.TermKind(j)) : IsRowMax(K.TermKind(j)) || IsRowMin(K.TermKind(j)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Extreme<K, V>(int j) where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V> =>
        j < K.TermCount && IsRowMin(K.TermKind(j)) ? V.Splat(float.PositiveInfinity) : V.Splat(float.NegativeInfinity);

    private static void MergeExtremes<K, V>(V e0, V e1, V e2, V e3, Span<float> rowExtremes) where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        MergeExtreme<K, V>(e0, rowExtremes, 0);
        MergeExtreme<K, V>(e1, rowExtremes, 1);
        MergeExtreme<K, V>(e2, rowExtremes, 2);
        MergeExtreme<K, V>(e3, rowExtremes, 3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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
    private static void AxisPart<K, V>(ref K k, ref AxisSite s, ref Terms<V> t, int part, int c, nint start, nint colStart,
        ref SumLanes s0, ref SumLanes s1, ref SumLanes s2, ref SumLanes s3, ref V e0, ref V e1, ref V e2, ref V e3,
        scoped ref ColumnRefs columns) where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        int at = c + part * V.Count;
        s.I = start + at;
        s.ColIndex = at;
        s.Col = colStart + at;
        k.Run(in s, ref t);
        AxisAccumulate<K, V>(ref t, part, ref s0, ref s1, ref s2, ref s3, ref e0, ref e1, ref e2, ref e3, ref columns, at);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AxisAccumulate<K, V>(ref Terms<V> t, int part, ref SumLanes s0, ref SumLanes s1, ref SumLanes s2, ref SumLanes s3,
        ref V e0, ref V e1, ref V e2, ref V e3, scoped ref ColumnRefs columns, nint col)
        where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        if (K.TermCount > 0) AccumulateTerm<K, V>(0, t.T0, part, ref s0, ref e0, ref columns, col);
        if (K.TermCount > 1) AccumulateTerm<K, V>(1, t.T1, part, ref s1, ref e1, ref columns, col);
        if (K.TermCount > 2) AccumulateTerm<K, V>(2, t.T2, part, ref s2, ref e2, ref columns, col);
        if (K.TermCount > 3) AccumulateTerm<K, V>(3, t.T3, part, ref s3, ref e3, ref columns, col);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AccumulateTerm<K, V>(int j, V term, int part, ref SumLanes sums, ref V extreme, scoped ref ColumnRefs columns,
        nint col) where K : IAxisKernel, allows ref struct where V : struct, IFloatVector<V>
    {
        // Conditions, not a switch, on the kind of a constant term (see Terms<V>.Get).
        AxisTerm kind = K.TermKind(j);
        if (IsLaneSum(kind))
            V.AddTo(ref sums, term, part);
        else if (IsRowMax(kind))
            extreme = V.MaxOfReduction(extreme, term);
        else if (IsRowMin(kind))
            extreme = V.MinOfReduction(extreme, term);
        else if (kind == AxisTerm.ColumnSum)
            V.AddInto(ref columns.Partials, j * columns.Stride + col, term);
        else if (kind == AxisTerm.ColumnMax)
            V.MaxInto(ref columns.Extremes(j), col, term);
        else if (kind == AxisTerm.ColumnMin)
            V.MinInto(ref columns.Extremes(j), col, term);
    }

    // One element of a row (a peeled head, the ragged end, or the one-lane path).
    private static void AxisOne<K>(ref K k, ref AxisSite s, nint start, int mat, int cols, int c, int colBase, ref Terms<F32x1> t,
        scoped Span<double> lanes, scoped Span<float> rowExtremes, ref ChunkColumns columns)
        where K : IAxisKernel, allows ref struct
    {
        s.I = start + c;
        s.ColIndex = c;
        s.Col = (nint)mat * cols + c;
        k.Run(in s, ref t);
        for (int j = 0; j < K.TermCount; j++)
        {
            float x = F32x1.First(t.Get(j));
            AxisTerm kind = K.TermKind(j); // conditions, not a switch (see Terms<V>.Get): the loop may be unrolled
            if (IsLaneSum(kind))
                lanes[BlockLength * j + (c & 15)] += x;
            else if (IsRowMax(kind))
                rowExtremes[j] = MathF.Max(rowExtremes[j], x);
            else if (IsRowMin(kind))
                rowExtremes[j] = MathF.Min(rowExtremes[j], x);
            else if (kind == AxisTerm.ColumnSum)
                columns.Partials[j * columns.Stride + colBase + c] += x;
            else if (kind == AxisTerm.ColumnMax)
                columns.Extremes(j)[colBase + c] = MathF.Max(columns.Extremes(j)[colBase + c], x);
            else if (kind == AxisTerm.ColumnMin)
                columns.Extremes(j)[colBase + c] = MathF.Min(columns.Extremes(j)[colBase + c], x);
        }
    }

    // A row's own sums, its lanes summed in order, and its extremes handed to the row, matrix and tensor they belong to.
    private static void FinishRow<K>(nint row, scoped ReadOnlySpan<double> lanes, scoped ReadOnlySpan<float> rowExtremes, scoped Span<double> matrixTotals,
        scoped Span<double> tensorTotals, ref AxisOutputs outputs) where K : IAxisKernel, allows ref struct
    {
        for (int j = 0; j < K.TermCount; j++)
        {
            AxisTerm kind = K.TermKind(j); // conditions, not a switch (see Terms<V>.Get): the loop may be unrolled
            if (kind == AxisTerm.RowSum)
                outputs[j][(int)row] = (float)SumLanes.Fold(lanes.Slice(BlockLength * j, BlockLength));
            else if (kind is AxisTerm.RowMax or AxisTerm.RowMin)
                outputs[j][(int)row] = rowExtremes[j];
            else if (kind == AxisTerm.MatrixMax)
                matrixTotals[j] = Math.Max(matrixTotals[j], rowExtremes[j]);
            else if (kind == AxisTerm.MatrixMin)
                matrixTotals[j] = Math.Min(matrixTotals[j], rowExtremes[j]);
            else if (kind == AxisTerm.TensorMax)
                tensorTotals[j] = Math.Max(tensorTotals[j], rowExtremes[j]);
        }
    }
}
