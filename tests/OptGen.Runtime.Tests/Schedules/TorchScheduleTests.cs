using R = OptGen.Runtime.Tests.Schedules.TorchReference;

namespace OptGen.Runtime.Tests.Schedules;

/// <summary>
/// Library schedules against PyTorch. For the chainable schedulers we check both the recursion PyTorch runs in
/// <c>scheduler.step()</c> and the closed form its docs give: the two agree whenever nothing else changes the
/// group's lr, and our schedules are closed forms of t (stateless, so a checkpoint needs only t).
/// </summary>
public class TorchScheduleTests
{
    private const double Lr0 = 0.1;
    private const int Steps = 200;

    private static void Matches(ILearningRateSchedule s, double[] recursion, Func<long, double> closed)
    {
        Check.Schedule(s, Lr0, t => recursion[t]);
        Check.Schedule(s, Lr0, closed);
    }

    [Fact]
    public void StepLR()
    {
        var d = new StepSchedule();
        Assert.Equal(0.1, d.Gamma); // PyTorch gamma=0.1 (step_size has no default)
        Matches(d, R.StepLR(Steps, Lr0, 30, 0.1), t => Lr0 * Math.Pow(0.1, t / 30));
        Matches(new StepSchedule { Gamma = 0.5, StepSize = 7 }, R.StepLR(Steps, Lr0, 7, 0.5), t => Lr0 * Math.Pow(0.5, t / 7));
    }

    [Fact]
    public void MultiStepLR()
    {
        Assert.Equal(0.1, new MultiStepSchedule().Gamma);
        // Unsorted with a repeated milestone: PyTorch multiplies by gamma twice at 50 (Counter), closed form bisect_right.
        long[] m = [120, 10, 50, 50];
        var s = new MultiStepSchedule { Gamma = 0.5, Milestone1 = m[0], Milestone2 = m[1], Milestone3 = m[2], Milestone4 = m[3] };
        Matches(s, R.MultiStepLR(Steps, Lr0, m, 0.5), t => Lr0 * Math.Pow(0.5, Array.FindAll(m, x => x <= t).Length));
        long[] two = [30, 80];
        Matches(new MultiStepSchedule { Milestone1 = 30, Milestone2 = 80 }, R.MultiStepLR(Steps, Lr0, two, 0.1),
            t => Lr0 * Math.Pow(0.1, Array.FindAll(two, x => x <= t).Length));
    }

    [Fact]
    public void ExponentialLR()
    {
        var d = new ExponentialSchedule();
        Assert.Equal((1L, false), (d.DecaySteps, d.Staircase));
        Matches(d, R.ExponentialLR(Steps, Lr0, 0.9), t => Lr0 * Math.Pow(0.9, t));
        Matches(new ExponentialSchedule { Gamma = 0.97 }, R.ExponentialLR(Steps, Lr0, 0.97), t => Lr0 * Math.Pow(0.97, t));
    }

    [Fact]
    public void LinearLR()
    {
        var d = new LinearSchedule();
        Assert.Equal((1.0 / 3, 1.0, 5L), (d.StartFactor, d.EndFactor, d.TotalIters));
        Matches(d, R.LinearLR(Steps, Lr0, 1.0 / 3, 1.0, 5), t => Lr0 * (1.0 / 3 + (1 - 1.0 / 3) * Math.Min(5, t) / 5));
        var down = new LinearSchedule { StartFactor = 1, EndFactor = 0.05, TotalIters = 120 };
        Matches(down, R.LinearLR(Steps, Lr0, 1, 0.05, 120), t => Lr0 * (1 + (0.05 - 1) * Math.Min(120, t) / 120));
    }

    [Fact]
    public void PolynomialLR()
    {
        var d = new PolynomialSchedule();
        Assert.Equal((5L, 1.0, 0.0), (d.TotalIters, d.Power, d.EndValue));
        Matches(d, R.PolynomialLR(Steps, Lr0, 5, 1), t => Lr0 * (1 - Math.Min(5, t) / 5.0));
        foreach (double power in new[] { 2.0, 0.5 })
        {
            var s = new PolynomialSchedule { TotalIters = 150, Power = power };
            Matches(s, R.PolynomialLR(Steps, Lr0, 150, power), t => Lr0 * Math.Pow(1 - Math.Min(150, t) / 150.0, power));
        }
    }

    [Fact]
    public void CosineAnnealingLR()
    {
        Assert.Equal(0.0, new CosineAnnealingSchedule().EtaMin);
        // T_max = 100 over 200 steps: both forms go back up after T_max (a cosine, not a clamp).
        Matches(new CosineAnnealingSchedule(), R.CosineAnnealingLR(Steps, Lr0, 100, 0),
            t => (1 + Math.Cos(Math.PI * t / 100)) / 2 * Lr0);
        var s = new CosineAnnealingSchedule { TMax = 37, EtaMin = 1e-3 };
        Matches(s, R.CosineAnnealingLR(Steps, Lr0, 37, 1e-3), t => 1e-3 + (Lr0 - 1e-3) * (1 + Math.Cos(Math.PI * t / 37)) / 2);
    }

    [Theory]
    [InlineData(10, 1, 0.0)]
    [InlineData(10, 2, 0.0)]
    [InlineData(3, 3, 1e-3)]
    [InlineData(7, 2, 1e-4)]
    [InlineData(1, 2, 0.0)]
    [InlineData(1, 3, 0.0)]
    [InlineData(2, 3, 0.0)]
    [InlineData(5, 5, 0.0)]
    public void CosineAnnealingWarmRestarts(long t0, long tMult, double etaMin)
    {
        var d = new CosineWarmRestartsSchedule();
        Assert.Equal((1L, 0.0), (d.TMult, d.EtaMin));
        var s = new CosineWarmRestartsSchedule { T0 = t0, TMult = tMult, EtaMin = etaMin };
        Check.Schedule(s, Lr0, t => R.CosineAnnealingWarmRestarts(Steps, Lr0, t0, tMult, etaMin)[t]);
    }

    [Fact]
    public void CosineAnnealingWarmRestartsRestartsExactlyWherePyTorchDoes()
    {
        // Restart steps T0 (M^n - 1) / (M - 1) make log(...) / log(M) land just below an integer for some (T0, M).
        for (long t0 = 1; t0 <= 6; t0++)
        {
            for (long m = 2; m <= 7; m++)
            {
                double[] expected = R.CosineAnnealingWarmRestarts(3000, Lr0, t0, m, 0);
                Check.Schedule(new CosineWarmRestartsSchedule { T0 = t0, TMult = m }, Lr0, t => expected[t], 3000);
            }
        }
    }

    [Theory]
    [InlineData(200, 0.3, 25.0, 1e4)]
    [InlineData(200, 0.25, 10.0, 100.0)]
    [InlineData(250, 0.1, 25.0, 1e4)]
    public void OneCycleLR(long total, double pct, double div, double finalDiv)
    {
        var d = new OneCycleSchedule();
        Assert.Equal((0.3, 25.0, 1e4), (d.PctStart, d.DivFactor, d.FinalDivFactor));
        var s = new OneCycleSchedule { TotalSteps = total, PctStart = pct, DivFactor = div, FinalDivFactor = finalDiv };
        Check.Schedule(s, Lr0, t => R.OneCycleLR(t, Lr0, total, pct, div, finalDiv));
        Closeness.AssertClose(Lr0, s.GetLearningRate((long)(pct * total) - 1, Lr0), 1e-12, 0, "peak");
    }

    [Fact]
    public void CyclicLR()
    {
        var d = new CyclicSchedule();
        Assert.Equal(2000L, d.StepSizeUp);
        Check.Schedule(d, 1e-3, t => R.CyclicLR(t, 1e-3, 0.01, 2000, null));
        Check.Schedule(new CyclicSchedule { MaxLr = 0.05, StepSizeUp = 20, StepSizeDown = 30 }, 1e-3, t => R.CyclicLR(t, 1e-3, 0.05, 20, 30));
        // step_size_down=None means "as step_size_up", also when only step_size_up is set.
        Check.Schedule(new CyclicSchedule { MaxLr = 0.05, StepSizeUp = 15 }, 1e-3, t => R.CyclicLR(t, 1e-3, 0.05, 15, null));
    }

    [Fact]
    public void CyclicLRTriangular2HalvesTheAmplitudeEachCycle()
    {
        var s = new CyclicSchedule { MaxLr = 0.05, StepSizeUp = 10, StepSizeDown = 15, Mode = CyclicSchedule.Triangular2 };
        Check.Schedule(s, 1e-3, t => R.CyclicLR(t, 1e-3, 0.05, 10, 15, "triangular2"));
        // The peak of the third cycle is a quarter of the first one's height above the base.
        Assert.Equal(1e-3 + (0.05 - 1e-3) / 4, s.GetLearningRate(2 * 25 + 10, 1e-3), 12);
    }

    [Fact]
    public void CyclicLRExpRangeDecaysTheAmplitudeByGammaPerStep()
    {
        var s = new CyclicSchedule { MaxLr = 0.05, StepSizeUp = 12, Mode = CyclicSchedule.ExpRange, Gamma = 0.99 };
        Check.Schedule(s, 1e-3, t => R.CyclicLR(t, 1e-3, 0.05, 12, null, "exp_range", 0.99));
    }

    [Fact]
    public void CyclicLRRejectsAnUnknownMode()
    {
        var s = new CyclicSchedule();
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Mode = 3);
        Assert.Equal(CyclicSchedule.Triangular, s.Mode);
    }
}
