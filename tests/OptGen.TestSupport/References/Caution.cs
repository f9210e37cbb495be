using System;

namespace OptGen.TestSupport;

/// <summary>
/// timm's cautious mask (Liang et al., "Cautious Optimizers", as every timm optimizer with <c>caution</c> writes it:
/// <c>mask = (x * g &gt; 0); mask /= mask.mean().clamp(min=1e-3); x * mask</c>), in float64, for the references.
/// </summary>
public static class Caution
{
    /// <summary>A new array: <paramref name="x"/> where it agrees in sign with <paramref name="direction"/> (their product &gt; 0), divided by the share of such elements (at least 1e-3); 0 elsewhere.</summary>
    public static double[] Mask(double[] x, double[] direction)
    {
        int kept = 0;
        for (int i = 0; i < x.Length; i++)
            kept += x[i] * direction[i] > 0 ? 1 : 0;
        double share = Math.Max(kept / (double)x.Length, 1e-3);
        var masked = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
            masked[i] = x[i] * direction[i] > 0 ? x[i] / share : 0;
        return masked;
    }
}
