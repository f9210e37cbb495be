using System;
using Xunit.Sdk;

namespace OptGen.TestSupport;

/// <summary>
/// Comparisons of float32 results with float64 references, with a message that says where they part. Both forms are
/// relative: a scalar against its own size (with a floor), a tensor against its largest element.
/// </summary>
public static class Closeness
{
    /// <summary>
    /// |actual − expected| ≤ <paramref name="relative"/> · max(|expected|, <paramref name="floor"/>); NaN fails. The floor
    /// only matters where the exact value crosses zero (a cosine at its minimum 0), where a purely relative test would
    /// compare rounding noise.
    /// </summary>
    public static void AssertClose(double expected, double actual, double relative, double floor, string what)
    {
        double scale = Math.Max(Math.Abs(expected), floor);
        if (!(Math.Abs(actual - expected) <= relative * scale))
            throw new XunitException($"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / scale:E2} > {relative:E0}).");
    }

    /// <summary>
    /// max |actual − expected| / scale ≤ <paramref name="tolerance"/>, where the scale is the tensor's largest |expected|
    /// (at least <paramref name="minimumScale"/>), so that elements near 0 do not dominate; an all-zero reference is
    /// compared absolutely. A NaN anywhere fails. The message names the worst element.
    /// </summary>
    public static void AssertTensorClose(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, double tolerance, string what, double minimumScale = 0)
    {
        if (actual.Length != expected.Length)
            throw new XunitException($"{what}: {actual.Length} elements, the reference has {expected.Length}.");
        double maxDiff = 0, scale = minimumScale;
        int worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs(actual[i] - expected[i]);
            if (!(diff <= maxDiff))
            {
                maxDiff = diff;
                worst = i;
            }
            scale = Math.Max(scale, Math.Abs(expected[i]));
        }
        double error = scale == 0 ? maxDiff : maxDiff / scale;
        if (!(error <= tolerance))
            throw new XunitException($"{what}: relative error {error:E2} > {tolerance:E0}; worst element {worst} is {actual[worst]:R}, reference {expected[worst]:R} (scale {scale:G4}).");
    }
}
