using System;

namespace OptGen.Nn;

/// <summary>
/// A loss that is the mean of one formula per output value (<see cref="MeanSquaredError"/>,
/// <see cref="BinaryCrossEntropyWithLogits"/>): the losses differ only in the formula, so the batch passes are
/// written here once.
/// </summary>
public abstract class ElementwiseLoss : Loss
{
    private readonly LossRows _rows;

    /// <param name="name">The loss's name.</param>
    /// <param name="rows">The formula's passes over a batch.</param>
    private protected ElementwiseLoss(string name, LossRows rows)
    {
        Name = name;
        _rows = rows;
    }

    /// <inheritdoc />
    public sealed override string Name { get; }

    /// <inheritdoc />
    public sealed override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int batch) =>
        _rows.Mean(outputs, targets, gradient, batch, perRow: false);

    /// <inheritdoc />
    public sealed override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> gradient, int batch) =>
        _rows.Mean(outputs, labels, gradient, batch, perRow: false);
}
