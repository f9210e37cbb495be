using System;

namespace OptGen.Internal;

/// <summary>
/// How an axis pass (<see cref="Kernels.RunAxes"/>) is cut into chunks: by the matrix view and
/// <see cref="SimdPolicy.ChunkLength"/> alone, never by the thread count, so one core and sixteen add the same numbers
/// in the same order. A matrix of at most a chunk's length goes whole into a chunk, with as many whole matrices as fit;
/// a larger one is cut into blocks of rows (at most <see cref="MaxChunksPerMatrix"/> per matrix), and its per-matrix
/// and per-column values are combined from the blocks' partial values in block order.
/// </summary>
internal readonly struct AxisChunks
{
    /// <summary>
    /// Most blocks of rows per matrix. More blocks balance more cores; each block keeps a partial value per column
    /// (a row of doubles), which the caller then adds up: 32 keeps that under 2% of a pass's traffic on a square matrix.
    /// </summary>
    public const int MaxChunksPerMatrix = 32;

    public AxisChunks(MatrixView view, int chunkLength)
    {
        Matrices = view.Matrices;
        Rows = view.Rows;
        Cols = view.Cols;
        long matrixLength = (long)Rows * Cols;
        if (matrixLength <= chunkLength || Rows == 1)
        {
            // As many whole matrices as fit, but no more than there are: a chunk's per-column region (cleared for every
            // chunk) is MatricesPerChunk · Cols doubles per term, and a lone [1, 64] matrix counted 1,024 "fitting"
            // matrices, 1.5 MB cleared per pass (30 µs for 64 elements). The chunks themselves are the same.
            MatricesPerChunk = (int)Math.Max(1, Math.Min(Matrices, chunkLength / Math.Max(1, matrixLength)));
            RowsPerChunk = Rows;
            ChunksPerMatrix = 1;
            Count = (int)(((long)Matrices + MatricesPerChunk - 1) / MatricesPerChunk);
        }
        else
        {
            MatricesPerChunk = 1;
            long byLength = (chunkLength + (long)Cols - 1) / Cols;
            long byCount = (Rows + MaxChunksPerMatrix - 1) / MaxChunksPerMatrix;
            RowsPerChunk = (int)Math.Min(Rows, Math.Max(byLength, byCount));
            ChunksPerMatrix = (Rows + RowsPerChunk - 1) / RowsPerChunk;
            Count = Matrices * ChunksPerMatrix;
        }
    }

    public int Matrices { get; }

    public int Rows { get; }

    public int Cols { get; }

    /// <summary>Whole matrices per chunk (1 when matrices are cut into blocks of rows).</summary>
    public int MatricesPerChunk { get; }

    /// <summary>Rows per block of a cut matrix (all rows otherwise).</summary>
    public int RowsPerChunk { get; }

    /// <summary>Blocks per matrix: 1 when chunks hold whole matrices.</summary>
    public int ChunksPerMatrix { get; }

    /// <summary>Chunks in all.</summary>
    public int Count { get; }

    /// <summary>Matrices are cut into blocks of rows: per-matrix and per-column values come from partials.</summary>
    public bool CutsMatrices => ChunksPerMatrix > 1;

    /// <summary>Per-column values one chunk keeps for one term: its matrices' columns.</summary>
    public int Region => MatricesPerChunk * Cols;

    /// <summary>The matrices and rows of chunk <paramref name="chunk"/>: matrices [first, end), and in each, rows [rowFirst, rowEnd).</summary>
    public void Range(int chunk, out int matFirst, out int matEnd, out int rowFirst, out int rowEnd)
    {
        if (CutsMatrices)
        {
            matFirst = chunk / ChunksPerMatrix;
            matEnd = matFirst + 1;
            rowFirst = chunk % ChunksPerMatrix * RowsPerChunk;
            rowEnd = Math.Min(Rows, rowFirst + RowsPerChunk);
        }
        else
        {
            matFirst = chunk * MatricesPerChunk;
            matEnd = Math.Min(Matrices, matFirst + MatricesPerChunk);
            rowFirst = 0;
            rowEnd = Rows;
        }
    }
}

/// <summary>
/// The partial values of an axis pass's chunks, kept by the thread that calls <see cref="Kernels.RunAxes"/> (workers
/// write into the caller's), or, for a tensor run in a group on some thread, by the group job for that thread. Grows
/// once, on the first step with a tensor this large; steps allocate nothing after that.
/// </summary>
internal sealed class AxisScratch
{
    [ThreadStatic] private static AxisScratch? t_scratch;

    /// <summary>Per chunk and term, the chunk's column sums (in double) over its <see cref="AxisChunks.Region"/>.</summary>
    public double[] ColumnSums = [];

    /// <summary>
    /// Per chunk and term, the column sums (in float) of the chunk's current group of rows, added into
    /// <see cref="ColumnSums"/> at the end of every group (<see cref="Kernels.ColumnGroupRows"/>).
    /// </summary>
    public float[] ColumnPartials = [];

    /// <summary>Per chunk and term, the chunk's column maxima or minima of a cut matrix.</summary>
    public float[] ColumnExtremes = [];

    /// <summary>Per chunk and term, the chunk's part of a per-tensor value, or of its matrix's value when matrices are cut.</summary>
    public double[] Totals = [];

    /// <summary>
    /// The calling thread's scratch (in a group of tensors, the group job's for this thread), large enough for
    /// <paramref name="terms"/> terms of these chunks.
    /// </summary>
    public static AxisScratch For(in AxisChunks chunks, int terms, bool columnSums, bool columnExtremes)
    {
        // In a group of tensors (Kernels.RunTensorPrograms), the group job's scratch for this thread, grown before the run.
        AxisScratch s = GroupThreadBuffers.Current?.Axis ?? (t_scratch ??= new AxisScratch());
        s.Grow(chunks, terms, columnSums, columnExtremes);
        return s;
    }

    /// <summary>Grows the buffers to hold <paramref name="terms"/> terms of these chunks; allocates only what is short.</summary>
    public void Grow(in AxisChunks chunks, int terms, bool columnSums, bool columnExtremes) => Grow(Need.Of(chunks, terms, columnSums, columnExtremes));

    /// <summary>Grows the buffers to hold <paramref name="need"/>; allocates only what is short.</summary>
    public void Grow(Need need)
    {
        if (Totals.Length < need.Totals)
            Totals = new double[need.Totals];
        if (ColumnSums.Length < need.ColumnSums)
        {
            ColumnSums = new double[need.ColumnSums];
            ColumnPartials = new float[need.ColumnSums];
        }
        if (ColumnExtremes.Length < need.ColumnExtremes)
            ColumnExtremes = new float[need.ColumnExtremes];
    }

    /// <summary>What a pass's chunks need of each buffer, in elements.</summary>
    public readonly record struct Need(int Totals, long ColumnSums, long ColumnExtremes)
    {
        /// <summary>The need of <paramref name="terms"/> terms of these chunks.</summary>
        public static Need Of(in AxisChunks chunks, int terms, bool columnSums, bool columnExtremes)
        {
            int regions = chunks.Count * terms;
            long columns = (long)regions * chunks.Region;
            return new Need(regions, columnSums ? columns : 0, columnExtremes && chunks.CutsMatrices ? columns : 0);
        }

        /// <summary>The larger of two needs, buffer by buffer.</summary>
        public Need Max(Need other) =>
            new(Math.Max(Totals, other.Totals), Math.Max(ColumnSums, other.ColumnSums), Math.Max(ColumnExtremes, other.ColumnExtremes));
    }
}
