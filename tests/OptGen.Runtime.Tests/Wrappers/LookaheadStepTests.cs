namespace OptGen.Runtime.Tests.Wrappers;

/// <summary>How a Lookahead steps, forwards to its inner optimizer, resets, allocates and refuses bad input.</summary>
[Collection(SimdPolicyCollection.Name)]
public class LookaheadStepTests
{
    [Fact]
    public void SyncingEveryStepAllTheWayIsTheInnerOptimizerAloneBitForBit()
    {
        Parameter[] alone = LookaheadFixture.Tensors(), wrapped = LookaheadFixture.Tensors();
        var adam = new AdamW { LearningRate = 0.01f };
        var lookahead = new Lookahead(new AdamW { LearningRate = 0.01f }) { SyncPeriod = 1, SlowStepSize = 1 };
        LookaheadFixture.Run(adam, alone, 25);
        LookaheadFixture.Run(lookahead, wrapped, 25);
        LookaheadFixture.AssertSameBits(alone, wrapped);
    }

    [Fact]
    public void BetweenSynchronisationsTheFastWeightsAreTheInnerOptimizers()
    {
        Parameter[] alone = LookaheadFixture.Tensors(), wrapped = LookaheadFixture.Tensors();
        var sgd = new Sgd { LearningRate = 0.1f, Momentum = 0.9f };
        var lookahead = new Lookahead(new Sgd { LearningRate = 0.1f, Momentum = 0.9f }) { SyncPeriod = 4 };
        LookaheadFixture.Run(sgd, alone, 3);
        LookaheadFixture.Run(lookahead, wrapped, 3);
        LookaheadFixture.AssertSameBits(alone, wrapped);

        LookaheadFixture.Run(sgd, alone, 1, from: 3);
        LookaheadFixture.Run(lookahead, wrapped, 1, from: 3);
        Assert.NotEqual(LookaheadFixture.Snapshot(alone), LookaheadFixture.Snapshot(wrapped)); // step 4 synchronised
    }

    [Fact]
    public void TheSynchronisationIsTimmsFormulaInFloat32ElementByElement()
    {
        // Element by element in float32, whatever the vector width: slow + alpha * (fast - slow), bit for bit.
        Parameter[] alone = LookaheadFixture.Tensors(), wrapped = LookaheadFixture.Tensors();
        float[][] initial = LookaheadFixture.Snapshot(alone);
        var sgd = new Sgd { LearningRate = 0.1f, Momentum = 0.9f };
        var lookahead = new Lookahead(new Sgd { LearningRate = 0.1f, Momentum = 0.9f }) { SyncPeriod = 2, SlowStepSize = 0.3f };
        LookaheadFixture.Run(sgd, alone, 2);
        LookaheadFixture.Run(lookahead, wrapped, 2);
        for (int t = 0; t < alone.Length; t++)
        {
            for (int i = 0; i < alone[t].Length; i++)
            {
                float slow = initial[t][i];
                slow += 0.3f * (alone[t].Value[i] - slow);
                Assert.Equal(BitConverter.SingleToInt32Bits(slow), BitConverter.SingleToInt32Bits(wrapped[t].Value[i]));
            }
        }
    }

    [Fact]
    public void ItWrapsARouterAsItWrapsOneOptimizer()
    {
        Parameter[] alone = LookaheadFixture.Tensors(), wrapped = LookaheadFixture.Tensors();
        RoutedOptimizer router = Routes.MatricesAndRest(new Muon(), new AdamW());
        var lookahead = new Lookahead(Routes.MatricesAndRest(new Muon(), new AdamW())) { SyncPeriod = 1, SlowStepSize = 1 };
        LookaheadFixture.Run(router, alone, 7);
        LookaheadFixture.Run(lookahead, wrapped, 7);
        LookaheadFixture.AssertSameBits(alone, wrapped);
        Assert.Contains("RoutedOptimizer.matrices.Muon.b", lookahead.State.BufferNames);
    }

    [Fact]
    public void ASlowStepSizeOfZeroKeepsTheWeightsWhereTheyStarted()
    {
        Parameter[] tensors = LookaheadFixture.Tensors();
        float[][] initial = LookaheadFixture.Snapshot(tensors);
        var lookahead = new Lookahead(new Sgd { LearningRate = 0.1f }) { SyncPeriod = 2, SlowStepSize = 0 };
        LookaheadFixture.Run(lookahead, tensors, 1);
        Assert.NotEqual(initial, LookaheadFixture.Snapshot(tensors));
        LookaheadFixture.Run(lookahead, tensors, 1, from: 1);
        Assert.Equal(initial, LookaheadFixture.Snapshot(tensors));
    }

    [Fact]
    public void TheRateTheScheduleAndTheLossAreTheInnerOptimizers()
    {
        var adam = new AdamW();
        var lookahead = new Lookahead(adam) { LearningRate = 0.25f };
        Assert.Equal(0.25f, adam.LearningRate);
        var schedule = new ExponentialSchedule();
        lookahead.Schedule = schedule;
        Assert.Same(schedule, adam.Schedule);
        Assert.Same(adam, lookahead.Inner);

        Parameter[] alone = LookaheadFixture.Tensors(), wrapped = LookaheadFixture.Tensors();
        var polyak = new TestPolyak { MinLoss = 0.5 };
        var inner = new TestPolyak { MinLoss = 0.5 };
        var wrapper = new Lookahead(inner) { SyncPeriod = 1, SlowStepSize = 1 };
        LossAwareRuns.StepSideBySide(polyak, alone, wrapper, wrapped, LookaheadFixture.SetGradients);
        LookaheadFixture.AssertSameBits(alone, wrapped);
        Assert.Equal(4.0, inner.Loss);
        Assert.Throws<InvalidOperationException>(() => wrapper.Step(wrapped)); // the inner optimizer wants a new loss
        Assert.Equal("Loss", Assert.Throws<ArgumentOutOfRangeException>(() => wrapper.Loss = double.NaN).ParamName);
        Assert.Equal(3, wrapper.StepCount);
    }

    [Fact]
    public void ResetForgetsTheSlowWeightsAndTheInnerState()
    {
        Parameter[] tensors = LookaheadFixture.Tensors();
        var adam = new AdamW { LearningRate = 0.01f };
        var lookahead = new Lookahead(adam) { SyncPeriod = 3 };
        LookaheadFixture.Run(lookahead, tensors, 5);
        lookahead.Reset();
        Assert.Equal(0, lookahead.StepCount);
        Assert.Equal(0, adam.StepCount);
        Assert.False(lookahead.State.IsInitialized);

        // Afterwards it is a fresh Lookahead starting from the current weights.
        Parameter[] copy = LookaheadFixture.Tensors();
        for (int t = 0; t < copy.Length; t++)
            tensors[t].Value.CopyTo(copy[t].Value);
        var fresh = new Lookahead(new AdamW { LearningRate = 0.01f }) { SyncPeriod = 3 };
        LookaheadFixture.Run(lookahead, tensors, 7);
        LookaheadFixture.Run(fresh, copy, 7);
        LookaheadFixture.AssertSameBits(copy, tensors);
    }

    [Fact]
    public void StepsAfterTheFirstAllocateNothing()
    {
        var lookahead = new Lookahead(new AdamW { LearningRate = 0.01f }) { SyncPeriod = 2 };
        Parameter[] tensors = LookaheadFixture.Tensors();
        LookaheadFixture.SetGradients(tensors, 0);
        lookahead.Step(tensors);
        lookahead.Step(tensors);

        long allocated = Allocations.OfSteps(lookahead, tensors, 100);

        Assert.True(allocated == 0, $"100 lookahead steps (50 synchronisations) allocated {allocated} bytes");
        Assert.Equal(102, lookahead.StepCount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void ASyncPeriodBelowOneIsRefused(int k)
    {
        var lookahead = new Lookahead(new Sgd());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => lookahead.SyncPeriod = k);
        Assert.Equal("SyncPeriod", e.ParamName);
        Assert.Equal(6, lookahead.SyncPeriod);
    }

    [Theory]
    [InlineData(-0.01f)]
    [InlineData(1.01f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ASlowStepSizeOutsideZeroToOneIsRefused(float alpha)
    {
        var lookahead = new Lookahead(new Sgd());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => lookahead.SlowStepSize = alpha);
        Assert.Equal("SlowStepSize", e.ParamName);
        Assert.Equal(0.5f, lookahead.SlowStepSize);
    }

    [Fact]
    public void TheInnerOptimizerMustBeFresh()
    {
        Assert.Throws<ArgumentNullException>(() => new Lookahead(null!));
        var sgd = new Sgd();
        LookaheadFixture.Run(sgd, LookaheadFixture.Tensors(), 1);
        Assert.Contains("already taken steps", Assert.Throws<ArgumentException>(() => new Lookahead(sgd)).Message);
    }

    [Fact]
    public void OtherTensorsAfterTheFirstStepAreRefusedWithNothingChanged()
    {
        var lookahead = new Lookahead(new AdamW()) { SyncPeriod = 2 };
        Parameter[] tensors = LookaheadFixture.Tensors();
        LookaheadFixture.Run(lookahead, tensors, 1);
        float[][] before = LookaheadFixture.Snapshot(tensors);
        byte[] state = LookaheadFixture.Save(tensors, lookahead);

        Assert.Throws<ArgumentException>(() => lookahead.Step(tensors.AsSpan(0, 4)));
        Assert.Throws<ArgumentException>(() => lookahead.Step([tensors[1], tensors[0], .. tensors[2..]]));
        Assert.Equal(before, LookaheadFixture.Snapshot(tensors));
        Assert.Equal(state, LookaheadFixture.Save(tensors, lookahead));
        Assert.Equal(1, lookahead.StepCount);
    }

    [Fact]
    public void AFirstStepTheInnerOptimizerRefusesBindsNothing()
    {
        var lookahead = new Lookahead(new Muon()); // rank-2 tensors only
        Parameter[] tensors = LookaheadFixture.Tensors();
        LookaheadFixture.SetGradients(tensors, 0);
        float[][] before = LookaheadFixture.Snapshot(tensors);
        Assert.Contains("dense0.bias", Assert.Throws<ArgumentException>(() => lookahead.Step(tensors)).Message);
        Assert.False(lookahead.State.IsInitialized);
        Assert.Equal(before, LookaheadFixture.Snapshot(tensors));

        Parameter[] matrices = [tensors[0], tensors[2]];
        lookahead.Step(matrices); // the refused step left no binding behind
        Assert.Equal(1, lookahead.StepCount);
        Assert.Equal(2, lookahead.State.Tensors.Length);
    }
}
