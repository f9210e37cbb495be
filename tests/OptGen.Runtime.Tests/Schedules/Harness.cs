using System.Reflection;

namespace OptGen.Runtime.Tests.Schedules;

/// <summary>Creates the test optimizers by name and reads the properties their transforms generate.</summary>
internal static class Harness
{
    public static IOptimizer Make(string name) =>
        (IOptimizer)Activator.CreateInstance(typeof(Harness).Assembly.GetType("OptGen.Runtime.Tests.Schedules." + name, throwOnError: true)!)!;

    public static double Setting(IOptimizer opt, string property) =>
        Convert.ToDouble(Property(opt, property).GetValue(opt), System.Globalization.CultureInfo.InvariantCulture);

    public static long SkippedSteps(IOptimizer opt) => (long)Property(opt, "SkippedSteps").GetValue(opt)!;

    public static float[] WeightEma(IOptimizer opt, int tensor)
    {
        MethodInfo m = opt.GetType().GetMethod("GetWeightEma") ?? throw new InvalidOperationException("no GetWeightEma");
        return ((Func<int, ReadOnlySpan<float>>)Delegate.CreateDelegate(typeof(Func<int, ReadOnlySpan<float>>), opt, m))(tensor).ToArray();
    }

    private static PropertyInfo Property(IOptimizer opt, string name) =>
        opt.GetType().GetProperty(name) ?? throw new InvalidOperationException($"{opt.GetType().Name} has no {name}");

    /// <summary>Runs optimizer and reference side by side on Data.Grads(0..steps-1), comparing weights after each step.</summary>
    public static Parameter[] RunAlongside(IOptimizer opt, TransformReference r, float[][] w0, int steps, double rel = 1e-5)
    {
        Parameter[] ps = Data.Parameters(w0);
        for (int s = 0; s < steps; s++)
        {
            float[][] g = Data.Grads(s);
            Data.SetGrads(ps, g);
            opt.Step(ps);
            r.Step(g);
            Check.Tensors(r.W, ps, rel, 1e-3, $"{opt.GetType().Name} step {s}");
        }
        Assert.Equal(r.StepCount, opt.StepCount);
        return ps;
    }

    /// <summary>The largest elementwise difference between a reference and the tensors, relative to max(|ref|, 1e-3).</summary>
    public static double MaxRelativeDifference(double[][] expected, Parameter[] actual) =>
        expected.Select((e, k) => e.Select((x, i) => Math.Abs(actual[k].Value[i] - x) / Math.Max(Math.Abs(x), 1e-3)).Max()).Max();
}
