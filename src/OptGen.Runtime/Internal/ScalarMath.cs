using System;
using System.ComponentModel;

namespace OptGen.Internal;

/// <summary>Per-step scalar math (double precision) used by generated code. Not meant to be called directly.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ScalarMath
{
    /// <summary>+1 / -1 for positive / negative x; x itself for 0, -0 and NaN.</summary>
    public static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x;

    /// <summary>x limited to [lo, hi].</summary>
    public static double Clamp(double x, double lo, double hi) => Math.Min(Math.Max(x, lo), hi);

    /// <summary>The learning rate a schedule gives, checked to be a finite number.</summary>
    public static double CheckedRate(double rate, string optimizer, long step)
    {
        if (!double.IsFinite(rate))
            throw new InvalidOperationException($"The learning-rate schedule of {optimizer} returned {rate} for step {step}; a learning rate must be finite.");
        return rate;
    }
}
