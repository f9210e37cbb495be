using System;
using OptGen.Optimizers;
using Xunit;

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
            AssertClose(reference.Fast[t], tensors[t].Value, $"{tensors[t].Name} (fast)");
            AssertClose(reference.Slow[t], lookahead.State.Tensors[t].Buffer(slow), $"{tensors[t].Name} (slow)");
        }
    }

    // Relative error over the tensor (its largest difference against its largest value), so elements near 0 do not dominate.
    private static void AssertClose(double[] expected, ReadOnlySpan<float> actual, string what)
    {
        double scale = 0, error = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            error = Math.Max(error, Math.Abs(expected[i] - actual[i]));
        }
        Assert.True(error <= 1e-5 * scale, $"{what}: largest difference {error:G3} against largest value {scale:G3}");
    }
}
