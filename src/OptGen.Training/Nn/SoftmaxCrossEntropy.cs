using System;
using System.Numerics.Tensors;

namespace OptGen.Nn;

/// <summary>
/// Softmax followed by cross-entropy, fused, on raw outputs (logits), as PyTorch's <c>CrossEntropyLoss</c>: the
/// log-sum-exp is shifted by the row maximum, so large logits neither overflow nor lose the gradient. The gradient is
/// <c>(softmax(x) - target) / batch</c>. Float targets are class probabilities per row (soft labels).
/// </summary>
public sealed class SoftmaxCrossEntropy : Loss, IRowLoss
{
    private readonly LossRows _rows;

    /// <summary>Creates the loss.</summary>
    public SoftmaxCrossEntropy() => _rows = new LossRows(this, cost: 16);

    /// <inheritdoc />
    public override string Name => "cross-entropy";

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> gradient, int batch)
    {
        int width = Width(outputs, labels.Length, true, gradient, batch);
        if (width < 2)
            throw new ArgumentException("Softmax cross-entropy needs at least two outputs per row; use BinaryCrossEntropyWithLogits for one.", nameof(outputs));
        CheckLabels(labels, width);
        return _rows.Sum(outputs, default, labels, gradient, batch, width) / batch;
    }

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int batch) =>
        _rows.Mean(outputs, targets, gradient, batch, perRow: true);

    double IRowLoss.Row(ReadOnlySpan<float> x, int label, Span<float> gradient, int batch, int count, Span<float> scratch)
    {
        Span<float> p = gradient.IsEmpty ? scratch : gradient;
        double lse = SoftmaxRow(x, p);
        if (!gradient.IsEmpty)
        {
            p[label] -= 1f;
            TensorPrimitives.Multiply(p, 1f / batch, p);
        }
        return lse - x[label];
    }

    double IRowLoss.Row(ReadOnlySpan<float> x, ReadOnlySpan<float> t, Span<float> gradient, int batch, int count, Span<float> scratch)
    {
        Span<float> p = gradient.IsEmpty ? scratch : gradient;
        double lse = SoftmaxRow(x, p);
        double sum = 0, mass = 0;
        for (int j = 0; j < x.Length; j++)
        {
            sum += t[j] * (lse - x[j]);
            mass += t[j];
        }
        if (!gradient.IsEmpty)
        {
            // d/dx of Σ t (lse - x) is p · Σt - t; Σt is 1 for a distribution but need not be.
            for (int j = 0; j < x.Length; j++)
                p[j] = (float)((p[j] * mass - t[j]) / batch);
        }
        return sum;
    }

    /// <summary>Writes softmax(x) to <paramref name="p"/> and returns log Σ exp(x), both shifted by the row maximum.</summary>
    private static double SoftmaxRow(ReadOnlySpan<float> x, Span<float> p)
    {
        float max = TensorPrimitives.Max(x);
        TensorPrimitives.Subtract(x, max, p);
        TensorPrimitives.Exp(p, p);
        double total = TensorPrimitives.Sum(p);
        TensorPrimitives.Multiply(p, (float)(1 / total), p);
        return max + Math.Log(total);
    }
}
