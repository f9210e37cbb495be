namespace OptGen.Runtime.Tests.Schedules;

/// <summary><see cref="WsdSchedule"/> against the rule written out in float64 (Hugging Face's get_wsd_schedule).</summary>
public class WsdScheduleTests
{
    /// <summary>The documented rule, written independently of the DSL formula.</summary>
    private static double Reference(long t, double lr0, long warmup, double fraction, int shape, double min, long total)
    {
        if (t < warmup)
            return lr0 * (min + (1 - min) * ((double)t / warmup));
        if (total == 0)
            return lr0;
        long decay = (long)Math.Round(fraction * total, MidpointRounding.AwayFromZero);
        long start = total - decay;
        if (t < start)
            return lr0;
        double p = Math.Min((double)(t - start) / Math.Max(decay, 1), 1.0);
        double f = shape switch
        {
            WsdSchedule.Linear => 1 - p,
            WsdSchedule.Cosine => 0.5 * (1 + Math.Cos(Math.PI * p)),
            _ => 1 - Math.Sqrt(p),
        };
        return lr0 * (min + (1 - min) * f);
    }

    [Theory]
    [InlineData(WsdSchedule.Linear, 10, 0.2, 0.0, 100)]
    [InlineData(WsdSchedule.Cosine, 10, 0.2, 0.0, 100)]
    [InlineData(WsdSchedule.OneMinusSqrt, 10, 0.2, 0.0, 100)]
    [InlineData(WsdSchedule.OneMinusSqrt, 0, 0.29, 0.1, 100)]
    [InlineData(WsdSchedule.Cosine, 7, 0.1, 0.05, 1234)]
    [InlineData(WsdSchedule.Linear, 3, 1.0, 0.0, 50)]
    [InlineData(WsdSchedule.Linear, 5, 0.0, 0.0, 40)]
    public void MatchesTheFloat64RuleAtEveryStep(int shape, long warmup, double fraction, double min, long total)
    {
        const double lr0 = 3e-3;
        var s = new WsdSchedule { WarmupSteps = warmup, DecayFraction = fraction, DecayShape = shape, MinFactor = min, TotalSteps = total };
        for (long t = 0; t <= total + 5; t++)
        {
            double expected = Reference(t, lr0, warmup, fraction, shape, min, total);
            Closeness.AssertClose(expected, s.GetLearningRate(t, lr0), 1e-13, 1e-18, $"shape {shape}, t = {t}");
        }
    }

    [Theory]
    [InlineData(WsdSchedule.Linear)]
    [InlineData(WsdSchedule.Cosine)]
    [InlineData(WsdSchedule.OneMinusSqrt)]
    public void BoundariesFirstStepEndOfWarmupStartOfDecayLastStep(int shape)
    {
        // T = 100, 10 warm-up steps, 20 decay steps starting at 80.
        const double lr0 = 0.5;
        var s = new WsdSchedule { WarmupSteps = 10, DecayFraction = 0.2, DecayShape = shape, TotalSteps = 100 };
        Assert.Equal(0.0, s.GetLearningRate(0, lr0));                              // first step: MinFactor · lr0
        Assert.Equal(lr0 * 9 / 10, s.GetLearningRate(9, lr0), 15);                 // last warm-up step
        Assert.Equal(lr0, s.GetLearningRate(10, lr0));                             // plateau from the end of warm-up, exactly
        Assert.Equal(lr0, s.GetLearningRate(79, lr0));                             // last plateau step, exactly
        Assert.Equal(lr0, s.GetLearningRate(80, lr0), 15);                         // decay starts at p = 0
        double last = shape switch
        {
            WsdSchedule.Linear => 1.0 / 20,
            WsdSchedule.Cosine => 0.5 * (1 + Math.Cos(Math.PI * 19 / 20)),
            _ => 1 - Math.Sqrt(19.0 / 20),
        };
        Assert.Equal(lr0 * last, s.GetLearningRate(99, lr0), 15);                  // last step: p = 19/20
        Assert.Equal(0.0, s.GetLearningRate(100, lr0), 15);                        // after the end: MinFactor · lr0
        Assert.Equal(0.0, s.GetLearningRate(1000, lr0), 15);
        Assert.True(s.GetLearningRate(85, lr0) < lr0 && s.GetLearningRate(85, lr0) > s.GetLearningRate(90, lr0));
    }

    [Fact]
    public void WithoutTotalStepsItStaysOnThePlateau()
    {
        var s = new WsdSchedule { WarmupSteps = 4, MinFactor = 0.25 };
        Assert.Equal(0, s.TotalSteps);
        Assert.Equal(0.25, s.GetLearningRate(0, 1), 15);
        Assert.Equal(0.25 + 0.75 * 3 / 4, s.GetLearningRate(3, 1), 15);
        for (long t = 4; t < 100_000; t += 997)
            Assert.Equal(1.0, s.GetLearningRate(t, 1));
    }

    [Fact]
    public void BadArgumentsAreRefusedNamingTheProperty()
    {
        var s = new WsdSchedule();
        Assert.Equal("DecayFraction", Assert.Throws<ArgumentOutOfRangeException>(() => s.DecayFraction = 1.5).ParamName);
        Assert.Equal("DecayFraction", Assert.Throws<ArgumentOutOfRangeException>(() => s.DecayFraction = double.NaN).ParamName);
        Assert.Equal("DecayShape", Assert.Throws<ArgumentOutOfRangeException>(() => s.DecayShape = 3).ParamName);
        Assert.Equal("WarmupSteps", Assert.Throws<ArgumentOutOfRangeException>(() => s.WarmupSteps = -1).ParamName);
        Assert.Equal("MinFactor", Assert.Throws<ArgumentOutOfRangeException>(() => s.MinFactor = -0.1).ParamName);
        Assert.Equal("MinFactor", Assert.Throws<ArgumentOutOfRangeException>(() => s.MinFactor = 1.1).ParamName);
        Assert.Equal(0.2, s.DecayFraction);
        Assert.Equal(WsdSchedule.Linear, s.DecayShape);
    }

    [Fact]
    public void DefaultsAndCatalogue()
    {
        var s = new WsdSchedule();
        Assert.Equal(["WarmupSteps", "DecayFraction", "DecayShape", "MinFactor"], ((IHyperparameters)s).Hyperparameters.Select(h => h.Name));
        Assert.Equal(0L, s.WarmupSteps);
        Assert.Equal(0.0, s.MinFactor);
    }
}
