namespace OptGen.Runtime.Tests.Wrappers;

/// <summary>Lookahead over SGD with momentum and over AdamW follows a float64 transcription of timm's step.</summary>
public class LookaheadReferenceTests
{
    [Theory]
    [InlineData(6, 0.5f, 31)]
    [InlineData(4, 0.8f, 33)]
    [InlineData(1, 0.3f, 30)]
    public void OverSgdWithMomentumItMatchesTheReference(int k, float alpha, int steps)
    {
        var lookahead = new Lookahead(new Sgd { LearningRate = 0.05f, Momentum = 0.9f, WeightDecay = 1e-3f }) { SyncPeriod = k, SlowStepSize = alpha };
        var reference = new LookaheadReference(LookaheadReference.Sgd(0.05, 0.9, 1e-3), k, alpha);
        Compare(lookahead, reference, steps);
    }

    [Theory]
    [InlineData(6, 0.5f, 31)]
    [InlineData(5, 0.25f, 36)]
    public void OverAdamWItMatchesTheReference(int k, float alpha, int steps)
    {
        var lookahead = new Lookahead(new AdamW { LearningRate = 0.01f, WeightDecay = 0.05f }) { SyncPeriod = k, SlowStepSize = alpha };
        var reference = new LookaheadReference(LookaheadReference.AdamW(0.01, 0.9, 0.999, 1e-8, 0.05), k, alpha);
        Compare(lookahead, reference, steps);
    }

    [Fact]
    public void TheDefaultsAreTimms()
    {
        var lookahead = new Lookahead(new Sgd());
        Assert.Equal(6, lookahead.SyncPeriod);
        Assert.Equal(0.5f, lookahead.SlowStepSize);
    }

    private static void Compare(Lookahead lookahead, LookaheadReference reference, int steps)
    {
        Parameter[] tensors = LookaheadFixture.Tensors();
        LookaheadFixture.Run(lookahead, tensors, steps);
        reference.Run(steps);
        Assert.Equal(steps, lookahead.StepCount);
        int slow = Array.IndexOf(lookahead.State.BufferNames, "lookahead.slow");
        for (int t = 0; t < tensors.Length; t++)
        {
            Closeness.AssertTensorClose(tensors[t].Value, reference.Fast[t], 1e-5, $"{tensors[t].Name} (fast)");
            Closeness.AssertTensorClose(lookahead.State.Tensors[t].Buffer(slow), reference.Slow[t], 1e-5, $"{tensors[t].Name} (slow)");
        }
    }
}
