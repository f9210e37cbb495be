using System;

namespace OptGen.Nn;

/// <summary>Mean squared error over every output value. Given class labels, the targets are one-hot (or the label itself for one output).</summary>
public sealed class MeanSquaredError : Loss, IRowLoss
{
    private readonly LossRows _rows;

    /// <summary>Creates the loss.</summary>
    public MeanSquaredError() => _rows = new LossRows(this, cost: 1);

    /// <inheritdoc />
    public override string Name => "mse";

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int batch)
    {
        int width = Width(outputs, targets.Length, false, gradient, batch);
        return _rows.Sum(outputs, targets, default, gradient, batch, width) / outputs.Length;
    }

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> gradient, int batch)
    {
        int width = Width(outputs, labels.Length, true, gradient, batch);
        CheckLabels(labels, width);
        return _rows.Sum(outputs, default, labels, gradient, batch, width) / outputs.Length;
    }

    double IRowLoss.Row(ReadOnlySpan<float> x, ReadOnlySpan<float> targets, Span<float> gradient, int batch, int count, Span<float> scratch)
    {
        double sum = 0;
        for (int j = 0; j < x.Length; j++)
            sum += Element(x[j] - targets[j], gradient, j, count);
        return sum;
    }

    double IRowLoss.Row(ReadOnlySpan<float> x, int label, Span<float> gradient, int batch, int count, Span<float> scratch)
    {
        double sum = 0;
        for (int j = 0; j < x.Length; j++)
            sum += Element(x[j] - LabelTarget(label, j, x.Length), gradient, j, count);
        return sum;
    }

    private static double Element(float d, Span<float> gradient, int j, int count)
    {
        if (!gradient.IsEmpty)
            gradient[j] = 2f / count * d;
        return (double)d * d;
    }
}
