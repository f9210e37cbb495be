using System;

namespace OptGen.Nn;

/// <summary>Mean squared error over every output value. Given class labels, the targets are one-hot (or the label itself for one output).</summary>
public sealed class MeanSquaredError() : ElementwiseLoss("mse", new LossRows(new ElementRows<SquaredError>(), cost: 1))
{
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
