namespace OptGen.Runtime.Tests.Schedules;

/// <summary>Comparisons with a relative tolerance and a message that says where a sequence went wrong.</summary>
internal static class Check
{

    /// <summary>Compares a schedule with a reference over steps 0..steps-1.</summary>
    public static void Schedule(ILearningRateSchedule schedule, double lr0, Func<long, double> reference, int steps = 200, double rel = 1e-9)
    {
        for (long t = 0; t < steps; t++)
            Closeness.AssertClose(reference(t), schedule.GetLearningRate(t, lr0), rel, 1e-12 * lr0, $"{schedule.GetType().Name} at t = {t}");
    }

    /// <summary>Compares float32 tensors with a float64 reference, elementwise relative to max(|ref|, floor).</summary>
    public static void Tensors(double[][] expected, Parameter[] actual, double rel, double floor, string what)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            ReadOnlySpan<float> a = actual[k].Value;
            for (int i = 0; i < expected[k].Length; i++)
                Closeness.AssertClose(expected[k][i], a[i], rel, floor, $"{what}, tensor {k}[{i}]");
        }
    }
}
