using System;

namespace OptGen.Nn;

/// <summary>
/// Binary cross-entropy on raw outputs (logits), as PyTorch's <c>BCEWithLogitsLoss</c>: each output is an independent
/// yes/no. Computed as <c>max(x, 0) - x·t + log(1 + exp(-|x|))</c>, which never overflows. Given class labels, a
/// single output is trained towards the label (0 or 1), several outputs towards the one-hot row.
/// </summary>
public sealed class BinaryCrossEntropyWithLogits() : ElementwiseLoss("bce", new LossRows(new ElementRows<StableLogistic>(), cost: 16))
{
    // max(x, 0) - x·t + log(1 + exp(-|x|)), and the gradient sigmoid(x) - t, with exp never overflowing.
    private readonly struct StableLogistic : IElementLoss
    {
        public static double Element(float x, float t, Span<float> gradient, int j, int count)
        {
            double xd = x;
            double loss = Math.Max(xd, 0) - xd * t + Math.Log(1 + Math.Exp(-Math.Abs(xd)));
            if (!gradient.IsEmpty)
            {
                double ez = Math.Exp(-Math.Abs(xd));
                double sigmoid = xd >= 0 ? 1 / (1 + ez) : ez / (1 + ez);
                gradient[j] = (float)((sigmoid - t) * (1f / count));
            }
            return loss;
        }
    }
}
