using System;
using System.Numerics.Tensors;
using OptGen.Data;
using OptGen.Nn;

namespace OptGen.Training;

/// <summary>
/// The trainer's per-batch buffers: the batch's targets and the loss gradient, 64-byte aligned
/// (<see cref="AlignedMemory"/>), grown, never shrunk. The batch's features go straight into the model's input rows.
/// </summary>
internal sealed class BatchBuffers(int inputs, int outputs)
{
    private int[] _labels = [];
    private Memory<float> _targets;
    private Memory<float> _gradient;
    private readonly RowGather _gather = new();

    public void EnsureCapacity(int batch)
    {
        if (_labels.Length >= batch)
            return;
        _labels = new int[batch];
        _targets = AlignedMemory.Allocate(batch);
        _gradient = AlignedMemory.Allocate(batch * outputs);
    }

    public Span<float> Gradient(int batch) => _gradient.Span[..(batch * outputs)];

    /// <summary>
    /// Copies the given rows (in that order): their features into <paramref name="features"/>, their targets into the
    /// batch. A row outside the dataset is an error, before anything is copied.
    /// </summary>
    public void Gather(Dataset data, ReadOnlySpan<int> rows, Span<float> features)
    {
        _gather.Run(data.Features, inputs, rows, features); // checks every row first
        Span<float> targets = _targets.Span;
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            if (data.Labels is { } labels)
                _labels[i] = labels[row];
            else
                targets[i] = data.Targets![row];
        }
    }

    /// <summary>Copies the targets of a contiguous range of rows (their features the model copies itself, in <see cref="Sequential.Forward"/>).</summary>
    public void GatherTargets(Dataset data, int start, int count)
    {
        if (data.Labels is { } labels)
            labels.AsSpan(start, count).CopyTo(_labels);
        else
            data.Targets.AsSpan(start, count).CopyTo(_targets.Span);
    }

    public double ComputeLoss(Loss loss, Dataset data, ReadOnlySpan<float> outputs, Span<float> gradient, int batch) =>
        data.Labels is not null
            ? loss.Compute(outputs, _labels.AsSpan(0, batch), gradient, batch)
            : loss.Compute(outputs, _targets.Span[..batch], gradient, batch);

    /// <summary>
    /// Rows whose prediction matches the label: the arg-max for several outputs; for one output, whether it is past
    /// the decision threshold (0 for a logit under binary cross-entropy, 0.5 otherwise).
    /// </summary>
    public int CountCorrect(ReadOnlySpan<float> predictions, int batch, Loss loss)
    {
        int correct = 0;
        float threshold = loss is BinaryCrossEntropyWithLogits ? 0f : 0.5f;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<float> row = predictions.Slice(r * outputs, outputs);
            int predicted = outputs == 1 ? (row[0] > threshold ? 1 : 0) : TensorPrimitives.IndexOfMax(row);
            if (predicted == _labels[r])
                correct++;
        }
        return correct;
    }
}
