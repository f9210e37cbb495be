namespace OptGen.Runtime.Tests.Schedules;

/// <summary>
/// Each transform with several update rules against TransformReference over 24 steps on three tensors. Each test also
/// checks that the transform mattered: the reference without it (or with a wrong variant) is far from the result.
/// </summary>
public class TransformTests
{
    private const int Steps = 24;

    private static void Differs(TransformReference wrong, Parameter[] ps, string what)
    {
        for (int s = 0; s < Steps; s++)
            wrong.Step(Data.Grads(s));
        Assert.True(Harness.MaxRelativeDifference(wrong.W, ps) > 1e-3, $"{what} made no difference; the test cannot tell");
    }

    // The optimizer `name`, the value of its transform's `setting`, and the weights to start from.
    private static (IOptimizer Optimizer, double Setting, float[][] Weights) Start(string name, string setting)
    {
        IOptimizer opt = Harness.Make(name);
        return (opt, Harness.Setting(opt, setting), Data.Weights());
    }

    [Theory]
    [InlineData("MomentumClipValue", Rule.Momentum)]
    [InlineData("AdamClipValue", Rule.Adam)]
    public void ClipGradientValue(string name, Rule rule)
    {
        (IOptimizer opt, double c, float[][] w0) = Start(name, "GradientClipValue");
        Assert.Equal(0.05, c, 1e-7);
        Parameter[] ps = Harness.RunAlongside(opt, new TransformReference(rule, Data.ToDouble(w0)) { ClipValue = c }, w0, Steps);
        Differs(new TransformReference(rule, Data.ToDouble(w0)), ps, "clipping by value");
    }

    [Theory]
    [InlineData("MomentumClipNorm", Rule.Momentum)]
    [InlineData("AdamClipNorm", Rule.Adam)]
    [InlineData("RmsClipNorm", Rule.Rms)]
    public void ClipGradientNormIsGlobalOverTheTensorsOfAStep(string name, Rule rule)
    {
        (IOptimizer opt, double c, float[][] w0) = Start(name, "MaxGradientNorm");
        var r = new TransformReference(rule, Data.ToDouble(w0)) { MaxNorm = c };
        int clipped = 0;
        Parameter[] ps = Data.Parameters(w0);
        for (int s = 0; s < Steps; s++)
        {
            Data.SetGrads(ps, Data.Grads(s));
            opt.Step(ps);
            r.Step(Data.Grads(s));
            clipped += r.LastStepClippedNorm ? 1 : 0;
            Check.Tensors(r.W, ps, 1e-5, 1e-3, $"{name} step {s}");
        }
        Assert.InRange(clipped, 1, Steps - 1); // some steps clip, some do not
        Differs(new TransformReference(rule, Data.ToDouble(w0)) { MaxNorm = c, PerTensorNorm = true }, ps, "global instead of per-tensor norm");
        Differs(new TransformReference(rule, Data.ToDouble(w0)), ps, "clipping by norm");
    }

    [Theory]
    [InlineData("MomentumL2", Rule.Momentum)]
    [InlineData("AdamL2", Rule.Adam)]
    public void L2Penalty(string name, Rule rule)
    {
        (IOptimizer opt, double l2, float[][] w0) = Start(name, "L2Penalty");
        Parameter[] ps = Harness.RunAlongside(opt, new TransformReference(rule, Data.ToDouble(w0)) { L2 = l2 }, w0, Steps);
        // Coupled, not decoupled: with Adam the two differ.
        Differs(new TransformReference(rule, Data.ToDouble(w0)) { Decay = l2 }, ps, "coupled instead of decoupled");
    }

    [Theory]
    [InlineData("MomentumDecay", Rule.Momentum)]
    [InlineData("AdamDecay", Rule.Adam)]
    public void DecoupledWeightDecayUsesTheScheduledRate(string name, Rule rule)
    {
        (IOptimizer opt, double decay, float[][] w0) = Start(name, "DecoupledWeightDecay");
        opt.Schedule = new ExponentialSchedule { Gamma = 0.9 };
        var r = new TransformReference(rule, Data.ToDouble(w0)) { Decay = decay, Schedule = (t, lr0) => lr0 * Math.Pow(0.9, t) };
        Parameter[] ps = Harness.RunAlongside(opt, r, w0, Steps);
        Differs(new TransformReference(rule, Data.ToDouble(w0)) { Decay = decay }, ps, "the schedule");
        Differs(new TransformReference(rule, Data.ToDouble(w0)) { Schedule = r.Schedule }, ps, "the decay");
    }

    [Theory]
    [InlineData("MomentumClipWeights", Rule.Momentum)]
    [InlineData("AdamClipWeights", Rule.Adam)]
    public void ClipWeights(string name, Rule rule)
    {
        (IOptimizer opt, double c, float[][] w0) = Start(name, "WeightClipValue");
        var clipping = new TransformReference(rule, Data.ToDouble(w0)) { WeightClip = c };
        Parameter[] ps = Harness.RunAlongside(opt, clipping, w0, Steps);
        float bound = (float)c;
        Assert.All(ps, p => Assert.All(p.Value.ToArray(), x => Assert.InRange(x, -bound, bound)));
        Assert.Contains(ps.SelectMany(p => p.Value.ToArray()), x => Math.Abs(x) == bound);
    }

    [Theory]
    [InlineData("MomentumEma", Rule.Momentum)]
    [InlineData("AdamEma", Rule.Adam)]
    public void WeightEma(string name, Rule rule)
    {
        (IOptimizer opt, double decay, float[][] w0) = Start(name, "EmaDecay");
        Assert.Empty(Harness.WeightEma(opt, 0));
        var r = new TransformReference(rule, Data.ToDouble(w0)) { EmaDecay = decay };
        Parameter[] ps = Data.Parameters(w0);
        for (int s = 0; s < Steps; s++)
        {
            Data.SetGrads(ps, Data.Grads(s));
            opt.Step(ps);
            r.Step(Data.Grads(s));
            Check.Tensors(r.W, ps, 1e-5, 1e-3, $"{name} weights, step {s}");
            for (int k = 0; k < ps.Length; k++)
            {
                float[] ema = Harness.WeightEma(opt, k);
                Assert.Equal(r.Ema[k].Length, ema.Length);
                for (int i = 0; i < ema.Length; i++)
                    Closeness.AssertClose(r.Ema[k][i], ema[i], 1e-5, 1e-3, $"{name} EMA step {s}, tensor {k}[{i}]");
            }
        }
        Assert.True(Harness.MaxRelativeDifference(r.Ema, ps) > 1e-3, "the EMA equals the weights");
    }
}
