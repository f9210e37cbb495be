using System;

namespace OptGen.Nn;

/// <summary>A loss computed row by row: what <see cref="LossRows"/> needs from each built-in loss.</summary>
internal interface IRowLoss
{
    /// <summary>
    /// The loss of one row <paramref name="x"/> against float <paramref name="targets"/> laid out like it, summed over
    /// the row; unless <paramref name="gradient"/> is empty, writes the gradient of the batch's mean loss (a batch of
    /// <paramref name="batch"/> rows, <paramref name="count"/> values) with respect to the row. <paramref name="scratch"/>
    /// holds as many floats as the row, for this call alone.
    /// </summary>
    double Row(ReadOnlySpan<float> x, ReadOnlySpan<float> targets, Span<float> gradient, int batch, int count, Span<float> scratch);

    /// <summary>As the other overload, against a class label (already checked to be in range).</summary>
    double Row(ReadOnlySpan<float> x, int label, Span<float> gradient, int batch, int count, Span<float> scratch);
}

/// <summary>The formula of an element-wise loss: each output value against its own target.</summary>
internal interface IElementLoss
{
    /// <summary>
    /// The loss of output value <paramref name="x"/> against target <paramref name="t"/>; unless
    /// <paramref name="gradient"/> is empty, writes to <c>gradient[j]</c> the gradient of the batch's mean loss (over
    /// <paramref name="count"/> values) with respect to it.
    /// </summary>
    static abstract double Element(float x, float t, Span<float> gradient, int j, int count);
}

/// <summary>The rows of an element-wise loss: a row's loss is the sum of its values' losses, in order.</summary>
internal sealed class ElementRows<TFormula> : IRowLoss
    where TFormula : struct, IElementLoss
{
    public double Row(ReadOnlySpan<float> x, ReadOnlySpan<float> targets, Span<float> gradient, int batch, int count, Span<float> scratch)
    {
        double sum = 0;
        for (int j = 0; j < x.Length; j++)
            sum += TFormula.Element(x[j], targets[j], gradient, j, count);
        return sum;
    }

    // A label stands for its one-hot row (or for itself, as the target of a single output).
    public double Row(ReadOnlySpan<float> x, int label, Span<float> gradient, int batch, int count, Span<float> scratch)
    {
        double sum = 0;
        for (int j = 0; j < x.Length; j++)
            sum += TFormula.Element(x[j], Loss.LabelTarget(label, j, x.Length), gradient, j, count);
        return sum;
    }
}

/// <summary>
/// Runs a loss over the rows of a batch, split across cores by whole rows when the batch is large: each row's loss
/// goes to a slot of its own, and the slots are summed in row order on the calling thread, so the total has the same
/// bits whatever the split. Each built-in loss keeps one instance (its buffers only grow).
/// </summary>
internal sealed unsafe class LossRows(IRowLoss loss, int cost) : NnJob
{
    /// <summary>Values per chunk at least.</summary>
    private const int MinChunk = 1024;

    private double[] _rowLoss = [];
    private Memory<float> _scratch;
    private float* _x, _targets, _gradient;
    private int* _labels;
    private int _batch, _width, _rowsPerChunk, _chunks;

    /// <summary>
    /// A loss's <c>Compute</c> against float targets: checks the spans, then the mean over rows
    /// (<paramref name="perRow"/>, as cross-entropy) or over every output value.
    /// </summary>
    public double Mean(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int batch, bool perRow)
    {
        int width = Loss.Width(outputs, targets.Length, false, gradient, batch);
        return Sum(outputs, targets, default, gradient, batch, width) / (perRow ? batch : outputs.Length);
    }

    /// <summary>As the other overload, against one class label per row, each checked before anything is computed.</summary>
    public double Mean(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> gradient, int batch, bool perRow)
    {
        int width = Loss.Width(outputs, labels.Length, true, gradient, batch);
        Loss.CheckLabels(labels, width);
        return Sum(outputs, default, labels, gradient, batch, width) / (perRow ? batch : outputs.Length);
    }

    /// <summary>
    /// The sum over rows of the row losses of <paramref name="outputs"/> (<paramref name="batch"/> rows of
    /// <paramref name="width"/>) against float <paramref name="targets"/>, or against <paramref name="labels"/> when
    /// that is not empty; writes the gradient unless it is empty.
    /// </summary>
    public double Sum(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, ReadOnlySpan<int> labels, Span<float> gradient, int batch, int width)
    {
        int chunks = NnParallel.ChunksFor((long)outputs.Length * cost, batch, Math.Max(1, MinChunk / width));
        _rowsPerChunk = (batch + chunks - 1) / chunks;
        _chunks = Math.Max(1, batch / _rowsPerChunk); // the remainder goes to the last chunk
        if (_rowLoss.Length < batch)
            _rowLoss = new double[batch];
        if (_scratch.Length < _chunks * width)
            _scratch = AlignedMemory.Allocate(_chunks * width);
        fixed (float* px = outputs, pt = targets, pg = gradient)
        fixed (int* pl = labels)
        {
            _x = px;
            _targets = pt;
            _gradient = pg;
            _labels = pl;
            (_batch, _width) = (batch, width);
            try
            {
                Execute(_chunks);
            }
            finally
            {
                _x = _targets = _gradient = null;
                _labels = null;
            }
        }
        double sum = 0;
        for (int r = 0; r < batch; r++)
            sum += _rowLoss[r];
        return sum;
    }

    protected override void RunChunk(int chunk)
    {
        int first = chunk * _rowsPerChunk;
        int end = chunk == _chunks - 1 ? _batch : first + _rowsPerChunk;
        Span<float> scratch = _scratch.Span.Slice(chunk * _width, _width);
        int count = _batch * _width;
        for (int r = first; r < end; r++)
        {
            var x = new ReadOnlySpan<float>(_x + r * _width, _width);
            Span<float> gradient = _gradient == null ? default : new Span<float>(_gradient + r * _width, _width);
            _rowLoss[r] = _labels != null
                ? loss.Row(x, _labels[r], gradient, _batch, count, scratch)
                : loss.Row(x, new ReadOnlySpan<float>(_targets + r * _width, _width), gradient, _batch, count, scratch);
        }
    }
}
