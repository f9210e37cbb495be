using System;

namespace OptGen.Nn;

/// <summary>Mean squared error over every output value. Given class labels, the targets are one-hot (or the label itself for one output).</summary>
public sealed class MeanSquaredError : Loss
{
    private readonly LossRows _rows = new(new ElementRows<SquaredError>(), cost: 1);

    /// <inheritdoc />
    public override string Name => "mse";

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int batch) =>
        _rows.Mean(outputs, targets, gradient, batch, perRow: false);

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> gradient, int batch) =>
        _rows.Mean(outputs, labels, gradient, batch, perRow: false);

    // (x - t)², and the gradient 2 (x - t) / count; the difference is taken in float.
    private readonly struct SquaredError : IElementLoss
    {
        public static double Element(float x, float t, Span<float> gradient, int j, int count)
        {
            float d = x - t;
            if (!gradient.IsEmpty)
                gradient[j] = 2f / count * d;
            return (double)d * d;
        }
    }
}
