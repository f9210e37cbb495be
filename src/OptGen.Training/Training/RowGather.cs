using System;
using OptGen.Nn;

namespace OptGen.Training;

/// <summary>
/// Copies a batch's rows of a dataset's features into the rows the step computes on (the model's input rows), split
/// into chunks of whole rows across cores when the batch is large enough. A copy has the same bits however it is cut.
/// Every row index and the target's length are checked before anything is copied: the chunks copy through pointers.
/// </summary>
/// <remarks>
/// On one core the copy came before the first product of every step with every other core idle (and, once past their
/// polling time, asleep for that product's start): MNIST 784-256-128-10 on 2 cores, an epoch of shuffled batches 5–8%
/// faster split (batch 128: 61.1–61.4 → 57.0–58.6 ms; batch 64: 68.2–70.0 → 64.0–64.4 ms; `training-ratios`, docs/performance-log.md).
/// </remarks>
internal sealed unsafe class RowGather : NnJob
{
    /// <summary>Floats per chunk at least: less is less work than handing the chunk to another core.</summary>
    private const int MinChunk = 8192;

    /// <summary>
    /// What a gathered float costs against an element of a streaming pass, the unit of
    /// <see cref="SimdPolicy.ParallelThreshold"/>: each row is a fresh stream from wherever a shuffled epoch put it,
    /// 0.2–0.3 ns per float measured on one core against a few hundredths for a copy in cache. With 8, a batch of 64
    /// MNIST rows (50,176 floats) splits, as it measured faster to.
    /// </summary>
    private const int Cost = 8;

    private float* _source, _target;
    private int* _rows;
    private int _columns, _count, _perChunk;

    /// <summary>
    /// Rows <paramref name="rows"/> of <paramref name="source"/> (rows of <paramref name="columns"/> floats), in that
    /// order, into the start of <paramref name="target"/>.
    /// </summary>
    public void Run(ReadOnlySpan<float> source, int columns, ReadOnlySpan<int> rows, Span<float> target)
    {
        int count = rows.Length, available = source.Length / Math.Max(1, columns);
        for (int i = 0; i < count; i++)
        {
            if ((uint)rows[i] >= (uint)available)
                throw new ArgumentOutOfRangeException(nameof(rows), rows[i], $"Row {rows[i]} (position {i} of the batch) is not a row of the dataset, which has {available} rows.");
        }
        if (target.Length < (long)count * columns)
            throw new ArgumentException($"The target holds {target.Length} values, fewer than {count} rows of {columns}.", nameof(target));
        if (count == 0 || columns == 0)
            return;
        int chunks = NnParallel.ChunksFor((long)count * columns * Cost, count, Math.Max(1, MinChunk / columns));
        _perChunk = (count + chunks - 1) / chunks;
        fixed (float* s = source, t = target)
        fixed (int* r = rows)
        {
            _source = s;
            _target = t;
            _rows = r;
            (_columns, _count) = (columns, count);
            try
            {
                Execute((count + _perChunk - 1) / _perChunk);
            }
            finally
            {
                _source = _target = null;
                _rows = null;
            }
        }
    }

    protected override void RunChunk(int chunk)
    {
        int first = chunk * _perChunk, end = Math.Min(_count, first + _perChunk);
        for (int i = first; i < end; i++)
            new ReadOnlySpan<float>(_source + (long)_rows[i] * _columns, _columns).CopyTo(new Span<float>(_target + (long)i * _columns, _columns));
    }
}
