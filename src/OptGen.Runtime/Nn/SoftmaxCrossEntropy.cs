using System;
using System.Numerics.Tensors;

namespace OptGen.Nn;

/// <summary>
/// Softmax followed by cross-entropy, fused, on raw outputs (logits), as PyTorch's <c>CrossEntropyLoss</c>: the
/// log-sum-exp is shifted by the row maximum, so large logits neither overflow nor lose the gradient. The gradient is
/// <c>(softmax(x) - target) / batch</c>. Float targets are class probabilities per row (soft labels).
/// </summary>
public sealed class SoftmaxCrossEntropy : Loss
{
    private float[] _row = []; // scratch for exp(x - max) when the caller wants no gradient

    /// <inheritdoc />
    public override string Name => "cross-entropy";

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> gradient, int batch)
    {
        int width = Width(outputs, labels.Length, true, gradient, batch);
        if (width < 2)
            throw new ArgumentException("Softmax cross-entropy needs at least two outputs per row; use BinaryCrossEntropyWithLogits for one.", nameof(outputs));
        double sum = 0;
        for (int r = 0; r < batch; r++)
        {
            CheckLabel(labels[r], width, r);
            ReadOnlySpan<float> x = outputs.Slice(r * width, width);
            Span<float> p = Scratch(gradient, r, width);
            double lse = SoftmaxRow(x, p);
            sum += lse - x[labels[r]];
            if (!gradient.IsEmpty)
            {
                p[labels[r]] -= 1f;
                TensorPrimitives.Multiply(p, 1f / batch, p);
            }
        }
        return sum / batch;
    }

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int batch)
    {
        int width = Width(outputs, targets.Length, false, gradient, batch);
        double sum = 0;
        for (int r = 0; r < batch; r++)
        {
            ReadOnlySpan<float> x = outputs.Slice(r * width, width);
            ReadOnlySpan<float> t = targets.Slice(r * width, width);
            Span<float> p = Scratch(gradient, r, width);
            double lse = SoftmaxRow(x, p);
            double mass = 0;
            for (int j = 0; j < width; j++)
            {
                sum += t[j] * (lse - x[j]);
                mass += t[j];
            }
            if (!gradient.IsEmpty)
            {
                // d/dx of Σ t (lse - x) is p · Σt - t; Σt is 1 for a distribution but need not be.
                for (int j = 0; j < width; j++)
                    p[j] = (float)((p[j] * mass - t[j]) / batch);
            }
        }
        return sum / batch;
    }

    private Span<float> Scratch(Span<float> gradient, int row, int width)
    {
        if (!gradient.IsEmpty)
            return gradient.Slice(row * width, width);
        if (_row.Length < width)
            _row = new float[width];
        return _row.AsSpan(0, width);
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
