namespace OptGen.Runtime.Tests.Schedules;

public class SkipNonFiniteTests
{
    private sealed record Snapshot(float[][] W, float[][] Buffers, double[] Scalars, long StepCount, int MicroStep);

    private static Snapshot Take(IOptimizer opt, Parameter[] ps) => new(
        ps.Select(p => p.Value.ToArray()).ToArray(),
        opt.State.Tensors.ToArray().SelectMany(t => Enumerable.Range(0, t.BufferCount).Select(b => t.Buffer(b).ToArray())).ToArray(),
        opt.State.Tensors.ToArray().SelectMany(t => t.Scalars).ToArray(),
        opt.StepCount,
        opt.State.MicroStep);

    private static void Same(Snapshot a, Snapshot b, string what)
    {
        Assert.Equal(a.StepCount, b.StepCount);
        Assert.Equal(a.MicroStep, b.MicroStep);
        Assert.Equal(a.Scalars, b.Scalars);
        for (int k = 0; k < a.W.Length; k++)
            Assert.True(a.W[k].AsSpan().SequenceEqual(b.W[k]), $"{what}: weights of tensor {k} changed");
        for (int j = 0; j < a.Buffers.Length; j++)
            Assert.True(a.Buffers[j].AsSpan().SequenceEqual(b.Buffers[j]), $"{what}: state buffer {j} changed");
    }

    /// <summary>Every (tensor, position, value) with position first, middle or last element.</summary>
    private static IEnumerable<(int Tensor, int Index, float Value)> BadSpots() =>
        from k in Enumerable.Range(0, Data.Sizes.Length)
        from i in new[] { 0, Data.Sizes[k] / 2, Data.Sizes[k] - 1 }
        from v in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity }
        select (k, i, v);

    [Theory]
    [InlineData("MomentumSkip", Rule.Momentum, 1)]
    [InlineData("AdamSkip", Rule.Adam, 1)]
    [InlineData("MomentumAll", Rule.Momentum, 2)]
    [InlineData("AdamAll", Rule.Adam, 2)]
    public void ABadStepChangesNothingAndTheNextStepIsAsIfItNeverHappened(string name, Rule rule, int accumulate)
    {
        IOptimizer opt = Harness.Make(name), twin = Harness.Make(name);
        opt.Schedule = twin.Schedule = new ExponentialSchedule { Gamma = 0.95 };
        float[][] w0 = Data.Weights();
        Parameter[] ps = Data.Parameters(w0), twinPs = Data.Parameters(w0);
        var r = Reference(opt, rule, w0, accumulate);
        int good = 0;
        foreach ((int k, int i, float bad) in BadSpots())
        {
            Snapshot before = Take(opt, ps);
            float[][] g = Data.Grads(good);
            g[k][i] = bad;
            Data.SetGrads(ps, g);
            long skipped = Harness.SkippedSteps(opt);
            opt.Step(ps);
            r.Step(g);
            Same(before, Take(opt, ps), $"{bad} at tensor {k}[{i}]");
            Assert.Equal(skipped + 1, Harness.SkippedSteps(opt));

            // A good step: bit for bit what an optimizer that never saw the bad steps does, and the reference.
            float[][] ok = Data.Grads(good++);
            Data.SetGrads(ps, ok);
            Data.SetGrads(twinPs, ok);
            opt.Step(ps);
            twin.Step(twinPs);
            r.Step(ok);
            Same(Take(twin, twinPs), Take(opt, ps), $"good step {good} after {bad} at tensor {k}[{i}]");
            Check.Tensors(r.W, ps, 1e-5, 1e-3, $"{name} good step {good}");
        }
        Assert.Equal(27, Harness.SkippedSteps(opt));
        Assert.Equal(r.Skipped, Harness.SkippedSteps(opt));
        Assert.Equal(27 / accumulate, opt.StepCount);
        Assert.Equal(0, Harness.SkippedSteps(twin));
    }

    [Fact]
    public void AFiniteButHugeGradientIsNotSkipped()
    {
        IOptimizer opt = Harness.Make("MomentumSkip");
        Parameter[] ps = Data.Parameters(Data.Weights());
        float[][] g = Data.Grads(0);
        g[2][5] = float.MaxValue;
        Data.SetGrads(ps, g);
        opt.Step(ps);
        Assert.Equal(1, opt.StepCount);
        Assert.Equal(0, Harness.SkippedSteps(opt));
    }

    internal static TransformReference Reference(IOptimizer opt, Rule rule, float[][] w0, int accumulate)
    {
        bool all = accumulate > 1;
        double? S(string p) => all ? Harness.Setting(opt, p) : null;
        return new TransformReference(rule, Data.ToDouble(w0))
        {
            Skip = true,
            Accumulate = accumulate,
            Schedule = (t, lr0) => lr0 * Math.Pow(0.95, t),
            ClipValue = S("GradientClipValue"),
            MaxNorm = S("MaxGradientNorm"),
            L2 = S("L2Penalty"),
            Decay = S("DecoupledWeightDecay"),
            WeightClip = S("WeightClipValue"),
            EmaDecay = S("EmaDecay"),
        };
    }
}
