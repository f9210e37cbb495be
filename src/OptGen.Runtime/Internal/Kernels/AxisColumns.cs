using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OptGen.Internal;

public static unsafe partial class Kernels
{
    /// <summary>
    /// Where a chunk of an axis pass puts its per-column values: for each term, its column sums (doubles, in the chunk's
    /// own region of <see cref="AxisScratch.ColumnSums"/>, with the current group of rows' floats beside them in
    /// <see cref="AxisScratch.ColumnPartials"/>) and its column maxima or minima (the outputs themselves
    /// where the chunk holds whole matrices, else its own region of <see cref="AxisScratch.ColumnExtremes"/>).
    /// Indexed by the column within the chunk's region: <c>(matrix − first matrix) · cols + column</c>.
    /// </summary>
    private ref struct ChunkColumns
    {
        public Span<double> Sums;
        public Span<float> Partials;
        public Span<float> E0, E1, E2, E3;
        public int Stride;

        // Conditions, not switches, on a term index that is often a constant (see Terms<V>.Get).
        public readonly Span<float> Extremes(int j) => j < 2 ? (j == 0 ? E0 : E1) : (j == 2 ? E2 : E3);

        public void SetExtremes(int j, Span<float> target)
        {
            if (j == 0)
                E0 = target;
            else if (j == 1)
                E1 = target;
            else if (j == 2)
                E2 = target;
            else
                E3 = target;
        }
    }

    // The chunk's columns: its regions of the scratch, cleared (sums) or filled with the identity (extremes).
    private static ChunkColumns ColumnsOf<K>(scoped in AxisChunks chunks, int chunk, int matFirst, scoped ref AxisOutputs outputs, AxisScratch scratch)
        where K : IAxisKernel, allows ref struct
    {
        int terms = K.TermCount, region = chunks.Region;
        var columns = new ChunkColumns { Stride = region };
        for (int j = 0; j < terms; j++)
        {
            AxisTerm kind = K.TermKind(j);
            if (kind == AxisTerm.ColumnSum)
            {
                // Room for every term (indexed by term), cleared for the column-sum terms only.
                if (columns.Sums.IsEmpty)
                {
                    columns.Sums = scratch.ColumnSums.AsSpan(chunk * terms * region, terms * region);
                    columns.Partials = scratch.ColumnPartials.AsSpan(chunk * terms * region, terms * region);
                }
                columns.Sums.Slice(j * region, region).Clear();
                columns.Partials.Slice(j * region, region).Clear();
            }
            else if (kind is AxisTerm.ColumnMax or AxisTerm.ColumnMin)
            {
                Span<float> target = chunks.CutsMatrices
                    ? scratch.ColumnExtremes.AsSpan((chunk * terms + j) * region, region)
                    : outputs[j].Slice(matFirst * chunks.Cols, Math.Min(region, outputs[j].Length - matFirst * chunks.Cols));
                target.Fill(kind == AxisTerm.ColumnMax ? float.NegativeInfinity : float.PositiveInfinity);
                columns.SetExtremes(j, target);
            }
        }
        return columns;
    }

    // The chunk's column outputs as plain references, for the vector loop: one per term, each a constant of the term.
    private ref struct ColumnRefs
    {
        public ref float Partials;
        public ref float E0, E1, E2, E3;
        public int Stride;

        // From column 'colBase' of the chunk's region on (the row's matrix), only for the terms that have such outputs:
        // the others' spans are empty, and a reference moved past an empty span points at nothing.
        [MethodImpl(MethodImplOptions.AggressiveInlining)] // a call here would be one more the loop's locals live across
        public static ColumnRefs From(scoped in ChunkColumns columns, int colBase)
        {
            var refs = new ColumnRefs { Stride = columns.Stride };
            if (!columns.Partials.IsEmpty)
                refs.Partials = ref Unsafe.Add(ref MemoryMarshal.GetReference(columns.Partials), colBase);
            if (!columns.E0.IsEmpty)
                refs.E0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(columns.E0), colBase);
            if (!columns.E1.IsEmpty)
                refs.E1 = ref Unsafe.Add(ref MemoryMarshal.GetReference(columns.E1), colBase);
            if (!columns.E2.IsEmpty)
                refs.E2 = ref Unsafe.Add(ref MemoryMarshal.GetReference(columns.E2), colBase);
            if (!columns.E3.IsEmpty)
                refs.E3 = ref Unsafe.Add(ref MemoryMarshal.GetReference(columns.E3), colBase);
            return refs;
        }

        // Conditions, not a switch, on a term index that is a constant (see Terms<V>.Get).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly ref float Extremes(int j) => ref j < 2 ? ref (j == 0 ? ref E0 : ref E1) : ref (j == 2 ? ref E2 : ref E3);
    }

    /// <summary>
    /// Rows per group of a column sum: within a group each column adds its rows in float (<see cref="ChunkColumns.Partials"/>,
    /// 4 bytes read and written per element, as the row itself), and each group's sums are added in double. Measured on
    /// the Zen 4, Adafactor's first pass on [4096, 4096]: every row into doubles (16 bytes a column: the 32 KiB of sums
    /// did not stay in the first-level cache beside the row's streams) 7.1 ms against 4.0 for its streams alone; in
    /// groups of 16 rows about 6.1. Groups count from the first row of each matrix or block of rows a chunk holds.
    /// </summary>
    internal const int ColumnGroupRows = 16;

    // A group's column sums added into the chunk's doubles, and the group's floats cleared for the next one: the
    // columns [colBase, colBase + cols) of the chunk's region, for each column-sum term.
    private static void FlushColumns<K>(scoped ref ChunkColumns columns, int colBase, int cols) where K : IAxisKernel, allows ref struct
    {
        for (int j = 0; j < K.TermCount; j++)
        {
            if (K.TermKind(j) != AxisTerm.ColumnSum)
                continue;
            Span<float> partials = columns.Partials.Slice(j * columns.Stride + colBase, cols);
            Span<double> sums = columns.Sums.Slice(j * columns.Stride + colBase, cols);
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                ref float p = ref MemoryMarshal.GetReference(partials);
                ref double d = ref MemoryMarshal.GetReference(sums);
                for (; i <= cols - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    (Vector256<double> lo, Vector256<double> hi) = Vector256.Widen(Vector256.LoadUnsafe(ref p, (nuint)i));
                    (Vector256.LoadUnsafe(ref d, (nuint)i) + lo).StoreUnsafe(ref d, (nuint)i);
                    (Vector256.LoadUnsafe(ref d, (nuint)i + 4) + hi).StoreUnsafe(ref d, (nuint)i + 4);
                    Vector256<float>.Zero.StoreUnsafe(ref p, (nuint)i);
                }
            }
            for (; i < cols; i++)
            {
                sums[i] += partials[i];
                partials[i] = 0;
            }
        }
    }
}
