using System;

namespace OptGen.Nn;

/// <summary>Mean squared error over every output value. Given class labels, the targets are one-hot (or the label itself for one output).</summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc />
    public override string Name => "mse";

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradient, int batch)
    {
        Width(outputs, targets.Length, false, gradient, batch);
        double sum = 0;
        float scale = 2f / outputs.Length;
        for (int i = 0; i < outputs.Length; i++)
        {
            float d = outputs[i] - targets[i];
            sum += (double)d * d;
            if (!gradient.IsEmpty)
                gradient[i] = scale * d;
        }
        return sum / outputs.Length;
    }

    /// <inheritdoc />
    public override double Compute(ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels, Span<float> gradient, int batch)
    {
        int width = Width(outputs, labels.Length, true, gradient, batch);
        double sum = 0;
        float scale = 2f / outputs.Length;
        for (int r = 0; r < batch; r++)
        {
            CheckLabel(labels[r], width, r);
            for (int j = 0; j < width; j++)
            {
                int i = r * width + j;
                float d = outputs[i] - LabelTarget(labels[r], j, width);
                sum += (double)d * d;
                if (!gradient.IsEmpty)
                    gradient[i] = scale * d;
            }
        }
        return sum / outputs.Length;
    }
}
