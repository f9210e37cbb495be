using System;
using System.Runtime.CompilerServices;

namespace OptGen.Internal;

public static unsafe partial class Kernels
{
    /// <summary>
    /// Runs a pass that sees the matrix view: row by row through every matrix, each row peeled to the anchor's alignment,
    /// in vectors, and its ragged end one element at a time. Term j lands in <paramref name="results"/> (per-tensor
    /// terms) or in output j: one float per row, column or matrix (a sum, maximum or minimum; the generated code scales
    /// a mean and takes a norm's root). A large tensor's rows are cut into chunks (<see cref="AxisChunks"/>) that run on
    /// several cores.
    /// </summary>
    /// <remarks>
    /// As in <see cref="Run{K}(ref K, int, out Reductions)"/>, a sum depends neither on the width nor on the number of
    /// threads: element c of a row goes to lane c mod 16, and the lanes are summed in order at the end of the row (a
    /// row's sum), of the matrix (a matrix's sum, over its rows in order) or of the chunk (a per-tensor sum, over its
    /// matrices' rows in order); a column adds up its chunk's rows in order (in float for each group of <see cref="ColumnGroupRows"/> rows from
    /// the first row of each matrix or block the chunk holds, the groups in double); and the chunks' partial values are
    /// added in chunk order. Chunks are cut by the shape alone.
    /// </remarks>
    public static void RunAxes<K>(scoped ref K kernel, MatrixView view, out Reductions results,
        Span<float> out0 = default, Span<float> out1 = default, Span<float> out2 = default, Span<float> out3 = default)
        where K : IAxisKernel, allows ref struct
    {
        results = default;
        if (view.Length == 0)
            return;
        var outputs = new AxisOutputs { O0 = out0, O1 = out1, O2 = out2, O3 = out3 };
        var chunks = new AxisChunks(view, SimdPolicy.ChunkLength);
        AxisScratch scratch = AxisScratch.For(chunks, K.TermCount, HasTerm<K>(AxisTerm.ColumnSum),
            HasTerm<K>(AxisTerm.ColumnMax) || HasTerm<K>(AxisTerm.ColumnMin));
        int threads = t_inTensorGroup ? 1 : ThreadsFor(view.Length, chunks.Count);
        if (threads > 1)
        {
            AxisSplitRuns++;
            AxisJob<K>.RunSplit(ref kernel, chunks, ref outputs, scratch, threads);
        }
        else
        {
            for (int c = 0; c < chunks.Count; c++)
                RunAxisChunk(ref kernel, chunks, c, ref outputs, scratch);
        }
        CombineChunks<K>(chunks, ref outputs, scratch, ref results);
        DefaultNaNs<K>(ref outputs, ref results);
    }

    // Every maximum and minimum that met a NaN becomes the default NaN: which NaN a lane kept depends on the order in
    // which it met them, and that order on the width and the chunks (ReductionNanTests). A scan of the pass's per-row,
    // per-column and per-matrix values: a fraction of the elements it read.
    private static void DefaultNaNs<K>(ref AxisOutputs outputs, ref Reductions results) where K : IAxisKernel, allows ref struct
    {
        for (int j = 0; j < K.TermCount; j++)
        {
            AxisTerm kind = K.TermKind(j); // conditions, not a switch (see Terms<V>.Get)
            if (kind == AxisTerm.TensorMax)
                results[j] = DefaultNaN(results[j]);
            else if (kind is AxisTerm.RowMax or AxisTerm.RowMin or AxisTerm.ColumnMax or AxisTerm.ColumnMin or AxisTerm.MatrixMax or AxisTerm.MatrixMin)
                DefaultNaNs(outputs[j]);
        }
    }

    /// <summary>Axis passes that were split across threads (for tests).</summary>
    internal static long AxisSplitRuns { get; private set; }

    /// <summary>The outputs of an axis pass, one span per term (empty for a per-tensor term).</summary>
    internal ref struct AxisOutputs
    {
        public Span<float> O0, O1, O2, O3;

        // Conditions, not a switch, on a term index that is often a constant (see Terms<V>.Get).
        public readonly Span<float> this[int j] => j < 2 ? (j == 0 ? O0 : O1) : (j == 2 ? O2 : O3);
    }

    private static bool HasTerm<K>(AxisTerm kind) where K : IAxisKernel, allows ref struct
    {
        for (int j = 0; j < K.TermCount; j++)
        {
            if (K.TermKind(j) == kind)
                return true;
        }
        return false;
    }

    // The chunks' partial values, in chunk order: per-tensor terms always, per-matrix and per-column terms of cut matrices.
    private static void CombineChunks<K>(in AxisChunks chunks, ref AxisOutputs outputs, AxisScratch scratch, ref Reductions results)
        where K : IAxisKernel, allows ref struct
    {
        int terms = K.TermCount;
        for (int j = 0; j < terms; j++)
        {
            AxisTerm kind = K.TermKind(j);
            if (kind is AxisTerm.TensorSum or AxisTerm.TensorMax)
            {
                double total = 0;
                for (int c = 0; c < chunks.Count; c++)
                {
                    double part = scratch.Totals[c * terms + j];
                    total = kind == AxisTerm.TensorSum ? total + part : Math.Max(total, part);
                }
                results[j] = total;
            }
            else if (chunks.CutsMatrices)
            {
                for (int mat = 0; mat < chunks.Matrices; mat++)
                    CombineBlocks<K>(chunks, j, mat, outputs[j], scratch);
            }
        }
    }

    // A cut matrix's value or column values for term j from its blocks' partials, in block order.
    private static void CombineBlocks<K>(in AxisChunks chunks, int j, int mat, Span<float> output, AxisScratch scratch)
        where K : IAxisKernel, allows ref struct
    {
        int terms = K.TermCount, cols = chunks.Cols, first = mat * chunks.ChunksPerMatrix;
        AxisTerm kind = K.TermKind(j); // conditions, not a switch (see Terms<V>.Get)
        if (kind is AxisTerm.MatrixSum or AxisTerm.MatrixMax or AxisTerm.MatrixMin)
        {
            double total = kind == AxisTerm.MatrixMax ? double.NegativeInfinity : kind == AxisTerm.MatrixMin ? double.PositiveInfinity : 0;
            for (int b = 0; b < chunks.ChunksPerMatrix; b++)
            {
                double part = scratch.Totals[(first + b) * terms + j];
                total = kind == AxisTerm.MatrixMax ? Math.Max(total, part) : kind == AxisTerm.MatrixMin ? Math.Min(total, part) : total + part;
            }
            output[mat] = (float)total;
        }
        else if (kind == AxisTerm.ColumnSum)
        {
            // Block 0's region gathers the rest in block order: the same additions as a running sum per column.
            Span<double> sums = scratch.ColumnSums.AsSpan((first * terms + j) * cols, cols);
            for (int b = 1; b < chunks.ChunksPerMatrix; b++)
            {
                ReadOnlySpan<double> block = scratch.ColumnSums.AsSpan(((first + b) * terms + j) * cols, cols);
                for (int i = 0; i < cols; i++)
                    sums[i] += block[i];
            }
            Span<float> columnSums = output.Slice(mat * cols, cols);
            for (int i = 0; i < cols; i++)
                columnSums[i] = (float)sums[i];
        }
        else if (kind is AxisTerm.ColumnMax or AxisTerm.ColumnMin)
        {
            Span<float> extremes = output.Slice(mat * cols, cols);
            scratch.ColumnExtremes.AsSpan((first * terms + j) * cols, cols).CopyTo(extremes);
            for (int b = 1; b < chunks.ChunksPerMatrix; b++)
            {
                ReadOnlySpan<float> block = scratch.ColumnExtremes.AsSpan(((first + b) * terms + j) * cols, cols);
                for (int i = 0; i < cols; i++)
                    extremes[i] = kind == AxisTerm.ColumnMax ? MathF.Max(extremes[i], block[i]) : MathF.Min(extremes[i], block[i]);
            }
        }
    }
}

/// <summary>
/// An axis pass split into chunks for the <see cref="ParallelRunner"/>. As <see cref="KernelJob{K}"/>: the kernel and the
/// outputs stay on the caller's stack (where they cannot move) and each chunk reads them through pointers. One job object
/// per kernel type and calling thread, made on first use, so steps allocate nothing.
/// </summary>
internal sealed unsafe class AxisJob<K> : IChunkJob where K : IAxisKernel, allows ref struct
{
    [ThreadStatic] private static AxisJob<K>? t_job;

    private void* _kernel;
    private void* _outputs;
    private AxisChunks _chunks;
    private AxisScratch? _scratch;

    public static void RunSplit(scoped ref K kernel, in AxisChunks chunks, scoped ref Kernels.AxisOutputs outputs, AxisScratch scratch, int threads)
    {
        AxisJob<K> job = t_job ??= new AxisJob<K>();
        job._kernel = Unsafe.AsPointer(ref kernel);
        job._outputs = Unsafe.AsPointer(ref outputs);
        job._chunks = chunks;
        job._scratch = scratch;
        try
        {
            ParallelRunner.Run(job, chunks.Count, threads);
        }
        finally
        {
            job._kernel = null;
            job._outputs = null;
            job._scratch = null;
        }
    }

    public void RunChunk(int chunk) =>
        Kernels.RunAxisChunk(ref Unsafe.AsRef<K>(_kernel), _chunks, chunk, ref Unsafe.AsRef<Kernels.AxisOutputs>(_outputs), _scratch!);
}
