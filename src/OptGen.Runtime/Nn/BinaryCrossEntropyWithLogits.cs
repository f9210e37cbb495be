using System;

namespace OptGen.Nn;

/// <summary>
/// Binary cross-entropy on raw outputs (logits), as PyTorch's <c>BCEWithLogitsLoss</c>: each output is an independent
/// yes/no. Computed as <c>max(x, 0) - x·t + log(1 + exp(-|x|))</c>, which never overflows. Given class labels, a
/// single output is trained towards the label (0 or 1), several outputs towards the one-hot row.
/// </summary>
public sealed class BinaryCrossEntropyWithLogits : Loss
{
    /// <inheritdoc />
    public override string Name => "bce";

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int batch)
    {
        Width(outputs, targets.Length, false, gradient, batch);
        double sum = 0;
        float scale = 1f / outputs.Length;
        for (int i = 0; i < outputs.Length; i++)
            sum += Element(outputs[i], targets[i], gradient, i, scale);
        return sum / outputs.Length;
    }

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> gradient, int batch)
    {
        int width = Width(outputs, labels.Length, true, gradient, batch);
        double sum = 0;
        float scale = 1f / outputs.Length;
        for (int r = 0; r < batch; r++)
        {
            CheckLabel(labels[r], width, r);
            for (int j = 0; j < width; j++)
                sum += Element(outputs[r * width + j], LabelTarget(labels[r], j, width), gradient, r * width + j, scale);
        }
        return sum / outputs.Length;
    }

    private static double Element(float x, float t, Span<float> gradient, int i, float scale)
    {
        double xd = x;
        double loss = Math.Max(xd, 0) - xd * t + Math.Log(1 + Math.Exp(-Math.Abs(xd)));
        if (!gradient.IsEmpty)
        {
            // sigmoid(x) - t, with the sigmoid written so that exp never overflows.
            double ez = Math.Exp(-Math.Abs(xd));
            double sigmoid = xd >= 0 ? 1 / (1 + ez) : ez / (1 + ez);
            gradient[i] = (float)((sigmoid - t) * scale);
        }
        return loss;
    }
}
