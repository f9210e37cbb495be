using System;
using Xunit.Sdk;

namespace OptGen.Schedules.Tests;

/// <summary>Comparisons with a relative tolerance and a message that says where a sequence went wrong.</summary>
internal static class Check
{
    /// <summary>
    /// |actual - expected| ≤ rel · max(|expected|, floor). The floor only matters where the exact value crosses
    /// zero (e.g. a cosine at its minimum 0), where a purely relative test would compare rounding noise.
    /// </summary>
    public static void Close(double expected, double actual, double rel, double floor, string what)
    {
        double scale = Math.Max(Math.Abs(expected), floor);
        if (!(Math.Abs(actual - expected) <= rel * scale))
            throw new XunitException($"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / scale:E2} > {rel:E0}).");
    }

    /// <summary>Compares a schedule with a reference over steps 0..steps-1.</summary>
    public static void Schedule(ILearningRateSchedule schedule, double lr0, Func<long, double> reference, int steps = 200, double rel = 1e-9)
    {
        for (long t = 0; t < steps; t++)
            Close(reference(t), schedule.GetLearningRate(t, lr0), rel, 1e-12 * lr0, $"{schedule.GetType().Name} at t = {t}");
    }

    /// <summary>Compares float32 tensors with a float64 reference, elementwise relative to max(|ref|, floor).</summary>
    public static void Tensors(double[][] expected, Parameter[] actual, double rel, double floor, string what)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            ReadOnlySpan<float> a = actual[k].Value;
            for (int i = 0; i < expected[k].Length; i++)
                Close(expected[k][i], a[i], rel, floor, $"{what}, tensor {k}[{i}]");
        }
    }
}
