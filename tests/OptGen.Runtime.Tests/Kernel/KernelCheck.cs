using OptGen.Runtime.Tests.References;

namespace OptGen.Runtime.Tests.Kernel;

/// <summary>
/// Runs a generated optimizer and its float64 reference side by side over several steps, with gradients that
/// depend on the current weights, and reports the first element (weight, state buffer or scalar state) where
/// they disagree by more than float rounding. Independent of xunit, so a child process can run it too.
/// </summary>
public static class KernelCheck
{
    public const int Steps = 5;
    public const int MaxLength = 257;
    public const double RelativeTolerance = 1e-5;
    public const double AbsoluteTolerance = 1e-6;

    /// <summary>
    /// Run widths the hardware does not accelerate too (the 512-bit path on an AVX2 machine, emulated by the JIT), so
    /// each width's code is checked here. The child processes that turn hardware intrinsics off set this to false.
    /// </summary>
    public static bool EmulateWidths { get; set; } = true;

    /// <summary>Every length 1..257, alone and with two other tensors, at one width; null when all agree.</summary>
    public static string? CheckAllLengths(KernelCase c, int maxVectorBits)
    {
        int saved = SimdPolicy.MaxVectorBits;
        bool emulate = SimdPolicy.UseUnacceleratedWidths;
        SimdPolicy.MaxVectorBits = maxVectorBits;
        SimdPolicy.UseUnacceleratedWidths = EmulateWidths;
        try
        {
            for (int n = 1; n <= MaxLength; n++)
            {
                string? failure = Check(c, [n]) ?? Check(c, [n, 1 + n * 37 % 101, 3]);
                if (failure is not null)
                    return $"{c.Name}, MaxVectorBits = {maxVectorBits}: {failure}";
            }
            return null;
        }
        finally
        {
            SimdPolicy.MaxVectorBits = saved;
            SimdPolicy.UseUnacceleratedWidths = emulate;
        }
    }

    /// <summary>One run over <see cref="Steps"/> steps with tensors of these lengths; null when all agree.</summary>
    public static string? Check(KernelCase c, int[] lengths)
    {
        IOptimizer opt = c.CreateOptimizer();
        ReferenceOptimizer reference = c.CreateReference(opt);
        Parameter[] ps = MakeParameters(lengths);
        reference.Start(ps.Select(p => p.Value.ToArray()).ToArray());
        for (int step = 1; step <= Steps; step++)
        {
            double[][] grads = SetGradients(ps, step);
            double lr = c.LearningRate(step - 1, opt.LearningRate);
            opt.Step(ps);
            reference.Step(grads, lr);
            string? failure = Compare(opt, reference, ps, grads) ?? (opt.StepCount == step ? null : $"StepCount is {opt.StepCount}");
            if (failure is not null)
                return $"lengths [{string.Join(", ", lengths)}], step {step}: {failure}";
        }
        return null;
    }

    /// <summary>Tensor k has <c>lengths[k]</c> elements; the third tensor starts at zero (norm(w) = 0).</summary>
    public static Parameter[] MakeParameters(int[] lengths)
    {
        var ps = new Parameter[lengths.Length];
        for (int k = 0; k < ps.Length; k++)
        {
            var w = new float[lengths[k]];
            for (int i = 0; i < w.Length && k != 2; i++)
                w[i] = (float)(1.5 * Math.Sin(0.7 * i + 1.3 * k + 0.1 * lengths[k]));
            ps[k] = new Parameter(w, "p" + k);
        }
        return ps;
    }

    /// <summary>Writes gradients that depend on the current weights; returns them as doubles.</summary>
    public static double[][] SetGradients(Parameter[] ps, int step)
    {
        var result = new double[ps.Length][];
        for (int k = 0; k < ps.Length; k++)
        {
            Span<float> w = ps[k].Value, g = ps[k].Grad;
            for (int i = 0; i < g.Length; i++)
                g[i] = (float)(0.9 * Math.Sin(1.7 * w[i] + 0.37 * i + 0.91 * k + 0.5 * step) + 0.05 * w[i]);
            result[k] = g.ToArray().Select(x => (double)x).ToArray();
        }
        return result;
    }

    public static bool Close(double actual, double expected) =>
        Math.Abs(actual - expected) <= RelativeTolerance * Math.Abs(expected) + AbsoluteTolerance
        || (double.IsNaN(actual) && double.IsNaN(expected));

    private static string? Compare(IOptimizer opt, ReferenceOptimizer reference, Parameter[] ps, double[][] grads)
    {
        OptimizerState state = opt.State;
        if (!state.BufferNames.Order().SequenceEqual(reference.Buffers.Keys.Order()) || !state.ScalarNames.Order().SequenceEqual(reference.Scalars.Keys.Order()))
            return $"state names [{string.Join(", ", state.BufferNames.Concat(state.ScalarNames))}] differ from the reference's";
        for (int k = 0; k < ps.Length; k++)
        {
            string? failure = CompareElements($"g[{k}] (must not be written)", ps[k].Grad.ToArray(), grads[k])
                ?? CompareElements($"w[{k}]", ps[k].Value.ToArray(), reference.W[k]);
            for (int b = 0; b < state.BufferNames.Length && failure is null; b++)
                failure = CompareElements($"{state.BufferNames[b]}[{k}]", state.Tensors[k].Buffer(b).ToArray(), reference.Buffers[state.BufferNames[b]][k]);
            for (int s = 0; s < state.ScalarNames.Length && failure is null; s++)
            {
                double actual = state.Tensors[k].Scalars[s], expected = reference.Scalars[state.ScalarNames[s]][k];
                if (!Close(actual, expected))
                    failure = $"scalar state {state.ScalarNames[s]}[{k}] is {actual:R}, reference {expected:R}";
            }
            if (failure is not null)
                return failure;
        }
        return null;
    }

    private static string? CompareElements(string what, float[] actual, double[] expected)
    {
        for (int i = 0; i < actual.Length; i++)
        {
            if (!Close(actual[i], expected[i]))
                return $"{what}[{i}] is {actual[i]:R}, reference {expected[i]:R} (difference {Math.Abs(actual[i] - expected[i]):E2})";
        }
        return null;
    }
}
