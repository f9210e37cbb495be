namespace OptGen.Runtime.Tests;

/// <summary>State initialised from w, the loss in formulas, <c>mod</c> and <c>f32</c>, run through generated optimizers.</summary>
public class LanguageFeatureTests
{
    [Fact]
    public void AStateFromWeightsHoldsWAsItWasBeforeTheFirstStep()
    {
        var p = new Parameter([1f, -2f, 3f]);
        p.Grad.Fill(1f);
        var opt = new TestAnchored();
        opt.Step(p);
        Assert.Equal([1f, -2f, 3f], opt.State.Tensors[0].Buffer(0).ToArray());
        // First step: w == x0, so only the gradient moves it; second step: the pull towards x0 joins in.
        Assert.Equal([0.9f, -2.1f, 2.9f], p.Value.ToArray());
        opt.Step(p);
        float[] expected = [0.9f - 0.1f * (1f + 0.5f * (0.9f - 1f)), -2.1f - 0.1f * (1f + 0.5f * (-2.1f + 2f)), 2.9f - 0.1f * (1f + 0.5f * (2.9f - 3f))];
        for (int i = 0; i < 3; i++)
            Assert.Equal(expected[i], p.Value[i], 6);
        Assert.Equal([1f, -2f, 3f], opt.State.Tensors[0].Buffer(0).ToArray());
    }

    [Fact]
    public void ABfloat16StateFromWeightsHoldsWRoundedToBfloat16()
    {
        var p = new Parameter([1f, -2f, 3.01f]);
        var opt = new TestAnchoredBf16();
        opt.Step(p);
        System.Span<ushort> halves = System.Runtime.InteropServices.MemoryMarshal.Cast<float, ushort>(opt.State.Tensors[0].Buffer(0));
        var x0 = new float[3];
        for (int i = 0; i < x0.Length; i++)
            x0[i] = OptGen.Internal.BFloat16.ToFloat(halves[i]);
        Assert.Equal([1f, -2f, OptGen.Internal.BFloat16.ToFloat(OptGen.Internal.BFloat16.FromFloat(3.01f))], x0);
        Assert.NotEqual(3.01f, x0[2]); // rounded: bfloat16 keeps 8 bits of mantissa
    }

    [Fact]
    public void AfterResetTheStateStartsAgainFromTheCurrentWeights()
    {
        var p = new Parameter([1f, 2f]);
        var opt = new TestAnchored();
        p.Grad.Fill(1f);
        opt.Step(p);
        opt.Reset();
        float[] now = p.Value.ToArray();
        opt.Step(p);
        Assert.Equal(now, opt.State.Tensors[0].Buffer(0).ToArray());
    }

    [Fact]
    public void ThePolyakStepReadsTheLossSetBeforeIt()
    {
        var a = new Parameter([3f, 4f]);
        var b = new Parameter([0f]);
        a.Grad[0] = 3f;
        a.Grad[1] = 4f;
        b.Grad[0] = 0f;
        var opt = new TestPolyak { MinLoss = 1 };
        Assert.IsAssignableFrom<ILossAware>(opt);
        opt.Loss = 26;
        opt.Step(a, b);
        // (loss - f*) / |g|² = 25 / 25 = 1: a full step to w - g.
        Assert.Equal([0f, 0f], a.Value.ToArray());
        Assert.Equal(26, opt.Loss);
    }

    [Fact]
    public void AStepWithoutANewLossIsAnErrorNamingTheOptimizerAndChangesNothing()
    {
        var p = new Parameter([1f]);
        p.Grad[0] = 1f;
        var opt = new TestPolyak();
        var first = Assert.Throws<InvalidOperationException>(() => opt.Step(p));
        Assert.Contains("TestPolyak", first.Message);
        Assert.Contains("Loss", first.Message);
        Assert.Equal(1f, p.Value[0]);
        Assert.Equal(0, opt.StepCount);
        opt.Loss = 0.5;
        opt.Step(p);
        Assert.Throws<InvalidOperationException>(() => opt.Step(p)); // the loss is spent by the step that used it
        Assert.Equal(1, opt.StepCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => opt.Loss = double.NaN);
    }

    [Fact]
    public void OptimizersThatDoNotReadTheLossAreNotLossAware() =>
        Assert.False(new TestAnchored() is ILossAware);

    [Fact]
    public void ModPicksEveryPeriodThStepAndF32RoundsTheRate()
    {
        var p = new Parameter([1f]);
        p.Grad[0] = 1f;
        var opt = new TestPeriodic { Period = 3 };
        float[] seen = new float[7];
        for (int s = 0; s < 7; s++)
        {
            opt.Step(p);
            seen[s] = p.Value[0];
        }
        float step = (float)(0.1f / 3.0); // f32(lr / 3), lr the float LearningRate widened to double
        float once = 1f - step, twice = once - step;
        Assert.Equal([1f, 1f, once, once, once, twice, twice], seen);
        // The scalar state keeps the rate in double: f32 rounded it to the nearest float.
        double rate = opt.State.Tensors[0].Scalars[0];
        Assert.Equal((double)(float)(0.1f / 3.0), rate);
        Assert.NotEqual(0.1f / 3.0, rate);
    }
}
