using System;

namespace OptGen.Nn;

/// <summary>
/// Binary cross-entropy on raw outputs (logits), as PyTorch's <c>BCEWithLogitsLoss</c>: each output is an independent
/// yes/no. Computed as <c>max(x, 0) - x·t + log(1 + exp(-|x|))</c>, which never overflows. Given class labels, a
/// single output is trained towards the label (0 or 1), several outputs towards the one-hot row.
/// </summary>
public sealed class BinaryCrossEntropyWithLogits : Loss, IRowLoss
{
    private readonly LossRows _rows;

    /// <summary>Creates the loss.</summary>
    public BinaryCrossEntropyWithLogits() => _rows = new LossRows(this, cost: 16);

    /// <inheritdoc />
    public override string Name => "bce";

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
            sum += Element(x[j], targets[j], gradient, j, count);
        return sum;
    }

    double IRowLoss.Row(ReadOnlySpan<float> x, int label, Span<float> gradient, int batch, int count, Span<float> scratch)
    {
        double sum = 0;
        for (int j = 0; j < x.Length; j++)
            sum += Element(x[j], LabelTarget(label, j, x.Length), gradient, j, count);
        return sum;
    }

    private static double Element(float x, float t, Span<float> gradient, int j, int count)
    {
        double xd = x;
        double loss = Math.Max(xd, 0) - xd * t + Math.Log(1 + Math.Exp(-Math.Abs(xd)));
        if (!gradient.IsEmpty)
        {
            // sigmoid(x) - t, with the sigmoid written so that exp never overflows.
            double ez = Math.Exp(-Math.Abs(xd));
            double sigmoid = xd >= 0 ? 1 / (1 + ez) : ez / (1 + ez);
            gradient[j] = (float)((sigmoid - t) * (1f / count));
        }
        return loss;
    }
}
