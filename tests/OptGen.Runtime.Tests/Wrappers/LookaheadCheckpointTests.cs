namespace OptGen.Runtime.Tests.Wrappers;

/// <summary>A Lookahead's checkpoint holds the inner state and the slow weights, round-trips bit for bit, and refuses other state.</summary>
public class LookaheadCheckpointTests
{
    private static Lookahead OverAdamW() => new(new AdamW { LearningRate = 0.01f }) { SyncPeriod = 6, SlowStepSize = 0.5f };

    [Fact]
    public void TheStateNamesTheInnerBuffersAndTheSlowWeights()
    {
        Lookahead lookahead = OverAdamW();
        Assert.Equal(["AdamW.m", "AdamW.v", "AdamW.vmax", "lookahead.slow"], lookahead.State.BufferNames);
        Assert.Equal("Lookahead", lookahead.State.OptimizerName);
    }

    [Fact]
    public void ACheckpointMidPeriodRoundTripsBitIdentically()
    {
        Parameter[] straight = LookaheadFixture.Tensors(), saved = LookaheadFixture.Tensors(), loaded = LookaheadFixture.Tensors();
        Lookahead straightRun = OverAdamW();
        LookaheadFixture.Run(straightRun, straight, 15);

        Lookahead first = OverAdamW();
        LookaheadFixture.Run(first, saved, 8); // two steps into the second period: slow and fast differ
        byte[] bytes = LookaheadFixture.Save(saved, first);

        Lookahead resumed = OverAdamW();
        Checkpoint.Load(new MemoryStream(bytes), loaded, resumed);
        Assert.Equal(8, resumed.StepCount);
        Assert.Equal(8, resumed.Inner.StepCount);
        Assert.Equal(bytes, LookaheadFixture.Save(loaded, resumed)); // every buffer and scalar, bit for bit

        LookaheadFixture.Run(resumed, loaded, 7, from: 8);
        LookaheadFixture.AssertSameBits(straight, loaded);
        Assert.Equal(LookaheadFixture.Save(straight, straightRun), LookaheadFixture.Save(loaded, resumed));
    }

    [Fact]
    public void ACheckpointOfALookaheadOverARouterRoundTrips()
    {
        static Lookahead OverRouter() => new(Routes.MatricesAndRest(new Muon(), new AdamW())) { SyncPeriod = 3 };
        Parameter[] straight = LookaheadFixture.Tensors(), saved = LookaheadFixture.Tensors(), loaded = LookaheadFixture.Tensors();
        Lookahead straightRun = OverRouter();
        LookaheadFixture.Run(straightRun, straight, 9);
        Lookahead first = OverRouter();
        LookaheadFixture.Run(first, saved, 4);

        Lookahead resumed = OverRouter();
        Checkpoint.Load(new MemoryStream(LookaheadFixture.Save(saved, first)), loaded, resumed);
        LookaheadFixture.Run(resumed, loaded, 5, from: 4);
        LookaheadFixture.AssertSameBits(straight, loaded);
        Assert.Equal(LookaheadFixture.Save(straight, straightRun), LookaheadFixture.Save(loaded, resumed));
    }

    [Fact]
    public void ACheckpointOfAnotherInnerOptimizerIsRefusedWithNothingChanged()
    {
        Parameter[] saved = LookaheadFixture.Tensors(), target = LookaheadFixture.Tensors();
        Lookahead first = OverAdamW();
        LookaheadFixture.Run(first, saved, 3);
        byte[] bytes = LookaheadFixture.Save(saved, first);

        var other = new Lookahead(new Sgd { Momentum = 0.9f });
        LookaheadFixture.Run(other, target, 2);
        byte[] before = LookaheadFixture.Save(target, other);
        var e = Assert.Throws<ArgumentException>(() => Checkpoint.Load(new MemoryStream(bytes), target, other));
        Assert.Contains("AdamW.m", e.Message);
        Assert.Contains("Sgd.b", e.Message);
        Assert.Equal(before, LookaheadFixture.Save(target, other));

        // The inner optimizer's own checkpoint is not a Lookahead's either.
        var adam = new AdamW();
        LookaheadFixture.Run(adam, saved, 1, from: 3);
        Assert.Contains("OptGen.Optimizers.AdamW", Assert.Throws<ArgumentException>(() => Checkpoint.Load(new MemoryStream(LookaheadFixture.Save(saved, adam)), target, other)).Message);
        Assert.Equal(before, LookaheadFixture.Save(target, other));
    }

    [Fact]
    public void ARestoreWithAWrongBufferChangesNothing()
    {
        Parameter[] tensors = LookaheadFixture.Tensors();
        Lookahead lookahead = OverAdamW();
        LookaheadFixture.Run(lookahead, tensors, 2);
        byte[] before = LookaheadFixture.Save(tensors, lookahead);
        var buffers = new float[tensors.Length][][];
        var scalars = new double[tensors.Length][];
        for (int t = 0; t < tensors.Length; t++)
        {
            buffers[t] = [new float[tensors[t].Length], new float[tensors[t].Length], new float[tensors[t].Length], new float[tensors[t].Length]];
            scalars[t] = [];
        }

        buffers[1][3] = new float[2]; // the slow weights of dense0.bias
        var slow = Assert.Throws<ArgumentException>(() => lookahead.State.Restore(tensors, 5, buffers, scalars));
        Assert.Contains("lookahead.slow", slow.Message);
        Assert.Contains("dense0.bias", slow.Message);
        Assert.Equal(before, LookaheadFixture.Save(tensors, lookahead));

        buffers[1][3] = new float[6];
        buffers[2][1] = new float[3]; // the inner optimizer's v of dense1.weight: refused after the slow weights were taken
        Assert.Contains("'v'", Assert.Throws<ArgumentException>(() => lookahead.State.Restore(tensors, 5, buffers, scalars)).Message);
        Assert.Equal(before, LookaheadFixture.Save(tensors, lookahead));

        buffers[2][1] = new float[18];
        buffers[0] = buffers[0][..3];
        Assert.Contains("4 state buffers", Assert.Throws<ArgumentException>(() => lookahead.State.Restore(tensors, 5, buffers, scalars)).Message);
        Assert.Equal(before, LookaheadFixture.Save(tensors, lookahead));
        Assert.Equal(2, lookahead.StepCount);
    }
}
