namespace OptGen.Training.Tests.Nn;

/// <summary>
/// Central finite differences in float with a step of 1e-2 on smooth functions: the truncation error (~1e-4
/// relative) and the rounding error (~1e-5) both sit well inside the tolerance, while a wrong formula is off by O(1).
/// </summary>
internal static class GradientCheck
{
    public const float Step = 1e-2f;

    /// <summary>Checks <paramref name="analytic"/> against the numeric derivative of <paramref name="objective"/> in each element of <paramref name="x"/>.</summary>
    public static void Check(Span<float> x, ReadOnlySpan<float> analytic, Func<double> objective, string what, double tolerance = 2e-2)
    {
        Assert.Equal(x.Length, analytic.Length);
        for (int i = 0; i < x.Length; i++)
        {
            float saved = x[i];
            x[i] = saved + Step;
            double plus = objective();
            x[i] = saved - Step;
            double minus = objective();
            x[i] = saved;
            double numeric = (plus - minus) / (2.0 * Step);
            double error = Math.Abs(numeric - analytic[i]);
            Assert.True(error <= tolerance * Math.Max(1.0, Math.Abs(numeric)),
                $"{what}[{i}]: analytic {analytic[i]:G6}, numeric {numeric:G6} (error {error:G3})");
        }
    }

    /// <summary>Σ r·y: a scalar objective whose gradient with respect to y is r.</summary>
    public static double Weighted(ReadOnlySpan<float> y, ReadOnlySpan<float> r)
    {
        double s = 0;
        for (int i = 0; i < y.Length; i++)
            s += (double)y[i] * r[i];
        return s;
    }
}
