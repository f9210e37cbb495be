namespace OptGen.Runtime.Tests.Wrappers;

/// <summary>A Lookahead's catalogue is its two settings and the inner optimizer's; schedules on them apply each step.</summary>
public class LookaheadHyperparameterTests
{
    [Fact]
    public void TheCatalogueIsTheWrappersSettingsThenTheInnerOptimizers()
    {
        var adam = new AdamW();
        var lookahead = new Lookahead(adam);
        Assert.Equal(["SyncPeriod", "SlowStepSize", .. adam.Hyperparameters.Select(h => h.Name)], lookahead.Hyperparameters.Select(h => h.Name));
        Assert.Equal(["SyncPeriod", "SlowStepSize"], new Lookahead(Routes.MatricesAndRest(new Muon(), new AdamW())).Hyperparameters.Select(h => h.Name));

        lookahead.SetHyperparameter("Beta2", 0.98);
        lookahead.SetHyperparameter("SyncPeriod", 3);
        lookahead.SetHyperparameter("SlowStepSize", 0.75);
        Assert.Equal(0.98f, adam.Beta2);
        Assert.Equal(0.98f, (float)lookahead.GetHyperparameter("Beta2"));
        Assert.Equal(3, lookahead.SyncPeriod);
        Assert.Equal(0.75, lookahead.GetHyperparameter("SlowStepSize"));
    }

    [Fact]
    public void BadNamesAndValuesAreRefused()
    {
        var lookahead = new Lookahead(new Sgd());
        Assert.Equal("SyncPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => lookahead.SetHyperparameter("SyncPeriod", 2.5)).ParamName);
        Assert.Equal("SyncPeriod", Assert.Throws<ArgumentOutOfRangeException>(() => lookahead.SetHyperparameter("SyncPeriod", 0)).ParamName);
        Assert.Equal("SlowStepSize", Assert.Throws<ArgumentOutOfRangeException>(() => lookahead.SetHyperparameter("SlowStepSize", 1.5)).ParamName);
        var unknown = Assert.Throws<ArgumentException>(() => lookahead.GetHyperparameter("Beta1"));
        Assert.Contains("'Beta1'", unknown.Message);
        Assert.Contains("SyncPeriod, SlowStepSize, Momentum", unknown.Message);
        Assert.Equal(6, lookahead.SyncPeriod);
        Assert.Equal(0.5f, lookahead.SlowStepSize);
    }

    [Fact]
    public void AScheduleOnAnInnerHyperparameterSetThroughTheWrapperIsTheInnerOptimizersOwn()
    {
        Parameter[] alone = LookaheadFixture.Tensors(), wrapped = LookaheadFixture.Tensors();
        var adam = new AdamW { LearningRate = 0.01f, WeightDecay = 0.1f };
        adam.HyperparameterSchedules.Set("WeightDecay", new LinearSchedule { StartFactor = 1, EndFactor = 0.1, TotalIters = 10 });
        var lookahead = new Lookahead(new AdamW { LearningRate = 0.01f, WeightDecay = 0.1f }) { SyncPeriod = 1, SlowStepSize = 1 };
        lookahead.HyperparameterSchedules.Set("WeightDecay", new LinearSchedule { StartFactor = 1, EndFactor = 0.1, TotalIters = 10 });
        LookaheadFixture.Run(adam, alone, 12);
        LookaheadFixture.Run(lookahead, wrapped, 12);
        LookaheadFixture.AssertSameBits(alone, wrapped);
        Assert.Equal(adam.WeightDecay, ((AdamW)lookahead.Inner).WeightDecay);
    }

    [Fact]
    public void AConstantScheduleOnTheSlowStepSizeIsBitIdenticalToNone()
    {
        Parameter[] plain = LookaheadFixture.Tensors(), scheduled = LookaheadFixture.Tensors();
        var a = new Lookahead(new Sgd { LearningRate = 0.1f, Momentum = 0.9f }) { SyncPeriod = 3, SlowStepSize = 0.3f };
        var b = new Lookahead(new Sgd { LearningRate = 0.1f, Momentum = 0.9f }) { SyncPeriod = 3, SlowStepSize = 0.3f };
        b.HyperparameterSchedules.Set("SlowStepSize", new ConstantSchedule());
        LookaheadFixture.Run(a, plain, 10);
        LookaheadFixture.Run(b, scheduled, 10);
        LookaheadFixture.AssertSameBits(plain, scheduled);
    }

    [Fact]
    public void AScheduleThatLeavesTheRangeStopsTheStepWithNothingChanged()
    {
        Parameter[] tensors = LookaheadFixture.Tensors();
        float[][] before = LookaheadFixture.Snapshot(tensors);
        var lookahead = new Lookahead(new Sgd { LearningRate = 0.1f });
        lookahead.HyperparameterSchedules.Set("SlowStepSize", new ConstantSchedule { Factor = 3 }); // 1.5 > 1
        LookaheadFixture.SetGradients(tensors, 0);
        Assert.Contains("SlowStepSize", Assert.Throws<InvalidOperationException>(() => lookahead.Step(tensors)).Message);
        Assert.Equal(before, LookaheadFixture.Snapshot(tensors));
        Assert.Equal(0, lookahead.StepCount);
        Assert.False(lookahead.State.IsInitialized);
        Assert.Equal(0.5f, lookahead.SlowStepSize);
    }
}
