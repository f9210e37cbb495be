namespace OptGen.Runtime.Tests.Routing;

/// <summary>A small model's tensors (weights, biases, a norm gain, a rank-3 tensor) with gradients that change every step.</summary>
internal static class RoutingFixture
{
    public static readonly (string Name, int[] Shape)[] Layout =
    [
        ("dense0.weight", [6, 5]), ("dense0.bias", [6]), ("norm1.weight", [6]), ("dense1.weight", [3, 6]),
        ("dense1.bias", [3]), ("conv2.kernel", [2, 3, 4]),
    ];

    public static Parameter[] Tensors()
    {
        var tensors = new Parameter[Layout.Length];
        for (int t = 0; t < tensors.Length; t++)
        {
            var p = new Parameter(Layout[t].Shape, Layout[t].Name);
            for (int i = 0; i < p.Length; i++)
                p.Value[i] = MathF.Sin(0.7f * i + t) * 0.5f;
            tensors[t] = p;
        }
        return tensors;
    }

    /// <summary>Gradients for step <paramref name="step"/>, the same for every copy of the model.</summary>
    public static void SetGradients(IReadOnlyList<Parameter> tensors, int step)
    {
        for (int t = 0; t < tensors.Count; t++)
        {
            Span<float> g = tensors[t].Grad;
            for (int i = 0; i < g.Length; i++)
                g[i] = MathF.Cos(0.37f * i + 1.3f * step + 2.1f * t) + 0.1f * tensors[t].Value[i];
        }
    }

    /// <summary>Steps <paramref name="optimizer"/> <paramref name="steps"/> times from step <paramref name="from"/>.</summary>
    public static void Run(IOptimizer optimizer, Parameter[] tensors, int steps, int from = 0)
    {
        for (int s = from; s < from + steps; s++)
        {
            SetGradients(tensors, s);
            optimizer.Step(tensors);
        }
    }

    public static Parameter[] Pick(Parameter[] tensors, params string[] names) =>
        names.Select(n => tensors.Single(p => p.Name == n)).ToArray();

    public static void AssertSameBits(Parameter[] expected, Parameter[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int t = 0; t < expected.Length; t++)
        {
            for (int i = 0; i < expected[t].Length; i++)
            {
                if (BitConverter.SingleToInt32Bits(expected[t].Value[i]) != BitConverter.SingleToInt32Bits(actual[t].Value[i]))
                    Assert.Fail($"{expected[t].Name}[{i}]: {expected[t].Value[i]:R} expected, {actual[t].Value[i]:R} found");
            }
        }
    }

    public static float[][] Snapshot(Parameter[] tensors) => tensors.Select(p => p.Value.ToArray()).ToArray();

    /// <summary>
    /// Steps a fresh <paramref name="router"/> on the tensors with their first gradients, which it must refuse with an
    /// ArgumentException (returned, for its message) having changed no tensor, no step count and no state.
    /// </summary>
    public static ArgumentException RefusedWithNothingChanged(RoutedOptimizer router)
    {
        Parameter[] tensors = Tensors();
        SetGradients(tensors, 0);
        float[][] before = Snapshot(tensors);
        var e = Assert.Throws<ArgumentException>(() => router.Step(tensors));
        Assert.Equal(before, Snapshot(tensors));
        Assert.Equal(0, router.StepCount);
        Assert.All(router.Routes, r => Assert.False(r.Optimizer.State.IsInitialized));
        Assert.False(router.State.IsInitialized);
        return e;
    }
}
