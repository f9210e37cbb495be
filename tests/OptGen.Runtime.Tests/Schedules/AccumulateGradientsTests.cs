namespace OptGen.Runtime.Tests.Schedules;

public class AccumulateGradientsTests
{
    [Theory]
    [InlineData("MomentumAccumulate", Rule.Momentum, null)]
    [InlineData("AdamAccumulate", Rule.Adam, null)]
    [InlineData("RmsAccumulateL2", Rule.Rms, 0.5)]
    public void KMicroStepsAreOneStepWithTheMeanGradientAndOnlyRealUpdatesCount(string name, Rule rule, double? l2)
    {
        IOptimizer opt = Harness.Make(name);
        opt.Schedule = new ExponentialSchedule { Gamma = 0.8 }; // t-dependent: a miscounted t shows at once
        int k = (int)Harness.Setting(opt, "AccumulationSteps");
        float[][] w0 = Data.Weights();
        var r = new TransformReference(rule, Data.ToDouble(w0)) { Accumulate = k, L2 = l2, Schedule = (t, lr0) => lr0 * Math.Pow(0.8, t) };
        Parameter[] ps = Data.Parameters(w0);
        for (int call = 1; call <= 10 * k; call++)
        {
            float[][] before = ps.Select(p => p.Value.ToArray()).ToArray();
            float[][] g = Data.Grads(call);
            Data.SetGrads(ps, g);
            opt.Step(ps);
            r.Step(g);
            Assert.Equal(call / k, opt.StepCount);
            Assert.Equal(call % k, opt.State.MicroStep);
            if (call % k != 0)
                Assert.All(Enumerable.Range(0, ps.Length), j => Assert.Equal(before[j], ps[j].Value.ToArray()));
            Check.Tensors(r.W, ps, 1e-5, 1e-3, $"{name} call {call}");
        }
        var single = new TransformReference(rule, Data.ToDouble(w0)) { L2 = l2, Schedule = r.Schedule };
        for (int call = 1; call <= 10 * k; call += k)
        {
            float[][][] micro = Enumerable.Range(call, k).Select(Data.Grads).ToArray();
            single.Step(micro[0].Select((a, j) => a.Select((_, i) => (float)(micro.Sum(m => (double)m[j][i]) / k)).ToArray()).ToArray());
        }
        Check.Tensors(single.W, ps, 1e-5, 1e-3, $"{name} vs one step per mean gradient");
    }

    [Theory]
    [InlineData("MomentumAccumulate", "MomentumSkip")]
    [InlineData("AdamAccumulate", "AdamSkip")]
    public void EqualsTheSameRuleWithoutAccumulationFedTheMeanGradient(string accumulating, string plain)
    {
        IOptimizer acc = Harness.Make(accumulating), one = Harness.Make(plain);
        int k = (int)Harness.Setting(acc, "AccumulationSteps");
        float[][] w0 = Data.Weights();
        Parameter[] pa = Data.Parameters(w0), po = Data.Parameters(w0);
        for (int s = 0; s < 20; s++)
        {
            float[][][] micro = Enumerable.Range(k * s, k).Select(Data.Grads).ToArray();
            foreach (float[][] g in micro)
            {
                Data.SetGrads(pa, g);
                acc.Step(pa);
            }
            Data.SetGrads(po, micro[0].Select((a, j) => a.Select((_, i) => (float)(micro.Sum(m => (double)m[j][i]) / k)).ToArray()).ToArray());
            one.Step(po);
            Assert.Equal(one.StepCount, acc.StepCount);
            Check.Tensors(Data.ToDouble(po.Select(p => p.Value.ToArray()).ToArray()), pa, 1e-5, 1e-3, $"update {s}");
        }
    }

    [Theory]
    [InlineData("MomentumAll", Rule.Momentum)]
    [InlineData("AdamAll", Rule.Adam)]
    public void AllTransformsTogetherInTheirFixedOrder(string name, Rule rule)
    {
        IOptimizer opt = Harness.Make(name);
        opt.Schedule = new ExponentialSchedule { Gamma = 0.95 };
        float[][] w0 = Data.Weights();
        TransformReference r = SkipNonFiniteTests.Reference(opt, rule, w0, 2);
        Parameter[] ps = Data.Parameters(w0);
        for (int call = 0; call < 48; call++)
        {
            float[][] g = Data.Grads(call);
            Data.SetGrads(ps, g);
            opt.Step(ps);
            r.Step(g);
            Check.Tensors(r.W, ps, 1e-5, 1e-3, $"{name} call {call}");
            for (int k = 0; k < ps.Length && opt.StepCount > 0; k++)
            {
                float[] ema = Harness.WeightEma(opt, k);
                for (int i = 0; i < ema.Length; i++)
                    Closeness.AssertClose(r.Ema[k][i], ema[i], 1e-5, 1e-3, $"{name} EMA call {call}, tensor {k}[{i}]");
            }
        }
        Assert.Equal(24, opt.StepCount);
    }
}
