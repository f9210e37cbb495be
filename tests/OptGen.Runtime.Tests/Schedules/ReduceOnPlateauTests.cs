namespace OptGen.Runtime.Tests.Schedules;

public class ReduceOnPlateauTests
{
    /// <summary>torch.optim.lr_scheduler.ReduceLROnPlateau, threshold_mode='rel', one param group, as in its source.</summary>
    private sealed class TorchPlateau(bool max, double factor, int patience, double threshold, int cooldown, double minLr, double lr, double eps = 1e-8, bool abs = false)
    {
        private double _best = max ? double.NegativeInfinity : double.PositiveInfinity;
        private int _bad, _cooldown;

        public double Lr { get; private set; } = lr;

        public void Step(double current)
        {
            bool better = (max, abs) switch
            {
                (false, false) => current < _best * (1 - threshold),
                (true, false) => current > _best * (threshold + 1),
                (false, true) => current < _best - threshold,
                (true, true) => current > _best + threshold,
            };
            if (better)
            {
                _best = current;
                _bad = 0;
            }
            else
            {
                _bad++;
            }
            if (_cooldown > 0)
            {
                _cooldown--;
                _bad = 0;
            }
            if (_bad > patience)
            {
                double next = Math.Max(Lr * factor, minLr);
                if (Lr - next > eps)
                    Lr = next;
                _cooldown = cooldown;
                _bad = 0;
            }
        }
    }

    /// <summary>A loss that falls, stalls, improves by less than 1e-4 relative, jumps, falls again, and goes flat.</summary>
    private static List<double> Script(double sign, double offset)
    {
        var m = new List<double>();
        for (int i = 0; i < 15; i++) m.Add(1.0 / (1 + 0.2 * i));
        double v = m[^1];
        for (int i = 0; i < 12; i++) m.Add(v * (1 - 0.5e-4 * (i + 1)));  // below the default threshold
        for (int i = 0; i < 6; i++) m.Add(v * 1.3);                         // worse
        for (int i = 0; i < 10; i++) m.Add(v * Math.Pow(0.9, i + 1));      // clear improvements
        for (int i = 0; i < 40; i++) m.Add(0.2 + 1e-6 * (i % 3));           // long plateau
        return m.ConvertAll(x => sign * x + offset);
    }

    [Theory]
    [InlineData(false, 0.1, 10, 1e-4, 0, 0.0, 0.0)] // PyTorch defaults
    [InlineData(false, 0.5, 3, 1e-4, 0, 0.0, 0.0)]
    [InlineData(false, 0.5, 2, 1e-2, 3, 0.02, 0.0)]
    [InlineData(false, 0.3, 0, 1e-4, 1, 0.0, 0.0)]
    [InlineData(true, 0.5, 2, 1e-4, 2, 0.0, 0.0)]   // maximise the negated loss
    [InlineData(true, 0.5, 1, 1e-3, 0, 1e-3, 5.0)]   // maximise with an offset
    [InlineData(false, 0.5, 1, 1e-3, 0, 0.0, -3.0)]  // negative metrics: PyTorch's rel rule as it is
    [InlineData(false, 0.1, 0, 1e-4, 0, 0.0, 0.0)]   // many reductions: PyTorch stops once a step would be ≤ eps
    public void MatchesPyTorch(bool max, double factor, int patience, double threshold, int cooldown, double minLr, double offset)
    {
        const double lr0 = 0.1;
        var ours = new ReduceOnPlateau { Maximize = max, Factor = factor, Patience = patience, Threshold = threshold, Cooldown = cooldown, MinLr = minLr };
        var torch = new TorchPlateau(max, factor, patience, threshold, cooldown, minLr, lr0);
        Assert.Equal(lr0, ours.GetLearningRate(0, lr0));
        List<double> script = Script(max ? -1 : 1, offset);
        for (int i = 0; i < script.Count; i++)
        {
            ours.ReportMetric(script[i]);
            torch.Step(script[i]);
            Closeness.AssertClose(torch.Lr, ours.GetLearningRate(i + 1, lr0), 1e-12, 0, $"rate after report {i} ({script[i]})");
        }
        Assert.True(ours.Reductions > 0, "the script must reduce the rate");
    }

    [Theory]
    [InlineData(false, 0.5, 2, 0.02, 0, 0.0, 0.0)]
    [InlineData(false, 0.5, 1, 0.05, 1, 0.0, -3.0)] // negative metrics: the absolute rule has no sign trap
    [InlineData(true, 0.5, 2, 0.01, 2, 0.0, 5.0)]
    [InlineData(true, 0.3, 0, 0.02, 0, 1e-3, 0.0)]
    public void MatchesPyTorchWithAnAbsoluteThreshold(bool max, double factor, int patience, double threshold, int cooldown, double minLr, double offset)
    {
        const double lr0 = 0.1;
        var ours = new ReduceOnPlateau { Maximize = max, Factor = factor, Patience = patience, Threshold = threshold, Cooldown = cooldown, MinLr = minLr, AbsoluteThreshold = true };
        var torch = new TorchPlateau(max, factor, patience, threshold, cooldown, minLr, lr0, abs: true);
        var relative = new ReduceOnPlateau { Maximize = max, Factor = factor, Patience = patience, Threshold = threshold, Cooldown = cooldown, MinLr = minLr };
        List<double> script = Script(max ? -1 : 1, offset);
        bool differs = false;
        for (int i = 0; i < script.Count; i++)
        {
            ours.ReportMetric(script[i]);
            relative.ReportMetric(script[i]);
            torch.Step(script[i]);
            Closeness.AssertClose(torch.Lr, ours.GetLearningRate(i + 1, lr0), 1e-12, 0, $"rate after report {i} ({script[i]})");
            differs |= ours.GetLearningRate(i + 1, lr0) != relative.GetLearningRate(i + 1, lr0);
        }
        Assert.True(ours.Reductions > 0, "the script must reduce the rate");
        Assert.True(differs, "the script must tell the absolute rule from the relative one");
    }

    [Fact]
    public void DefaultsArePyTorchs()
    {
        var d = new ReduceOnPlateau();
        Assert.Equal((0.1, 10, 1e-4, 0, 0.0, false), (d.Factor, d.Patience, d.Threshold, d.Cooldown, d.MinLr, d.Maximize));
    }

    [Fact]
    public void ABaseRateBelowMinLrIsNotRaised()
    {
        // PyTorch: new_lr = max(old * factor, min_lr) is larger than old, so old - new_lr < eps and nothing changes.
        var ours = new ReduceOnPlateau { Patience = 0, MinLr = 0.5 };
        var torch = new TorchPlateau(false, 0.1, 0, 1e-4, 0, 0.5, 0.1);
        Closeness.AssertClose(torch.Lr, ours.GetLearningRate(0, 0.1), 1e-12, 0, "before any report");
        foreach (double m in new[] { 1.0, 1.0, 1.0 })
        {
            ours.ReportMetric(m);
            torch.Step(m);
            Closeness.AssertClose(torch.Lr, ours.GetLearningRate(0, 0.1), 1e-12, 0, "after a report");
        }
    }

    [Fact]
    public void RejectsNaNMetricsAndFactorsOutsideZeroOne()
    {
        Assert.Throws<ArgumentException>(() => new ReduceOnPlateau().ReportMetric(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau { Factor = 1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReduceOnPlateau { Factor = 0 });
    }
}
