using OptGen.SeedFormulas;

namespace OptGen.Runtime.Tests.Schedules;

/// <summary>The schedules of the seed strategies (as the catalogue configures them, and with other settings) against their formulas.</summary>
public class SeedScheduleTests
{
    private static readonly Dictionary<int, Func<long, double, double>> Formulas = new()
    {
        [1] = (t, lr0) => lr0,
        [2] = (t, lr0) => lr0 / Math.Sqrt(1 + Math.Pow(1.01, t)),
        [5] = (t, lr0) => t < 10 ? lr0 * (t + 1) / 10 : lr0 * Math.Pow(0.5, (t - 10) / 100.0),
        [9] = (t, lr0) => lr0 / Math.Sqrt(1 + 0.01 * t),
        [13] = (t, lr0) => lr0 * (1 - t / 200.0),
        [14] = (t, lr0) => lr0 / Math.Sqrt(1 + 10.0 * t / 200),
        [18] = (t, lr0) => lr0 * Math.Pow(0.99, t),
        [19] = (t, lr0) => lr0 / (1 + 0.01 * t),
    };

    [Fact]
    public void TheCatalogueHoldsTheTwentyOneStrategiesInOrder()
    {
        Assert.Equal(Enumerable.Range(1, 21), Catalogue.All.Select(s => s.Number));
        int[] withSchedule = [1, 2, 3, 5, 9, 13, 14, 18, 19, 20];
        Assert.Equal(withSchedule, Catalogue.All.Where(s => s.Schedule() is not null).Select(s => s.Number));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(13)]
    [InlineData(14)]
    [InlineData(18)]
    [InlineData(19)]
    public void CatalogueScheduleMatchesItsFormula(int number)
    {
        Catalogue.Strategy s = Catalogue.All[number - 1];
        double lr0 = s.Optimizer().LearningRate;
        Check.Schedule(s.Schedule()!, lr0, t => Formulas[number](t, lr0));
    }

    [Fact]
    public void CatalogueRandomSchedulesStayInTheirRanges()
    {
        double lr0 = Catalogue.All[2].Optimizer().LearningRate;
        ILearningRateSchedule three = Catalogue.All[2].Schedule()!, twenty = Catalogue.All[19].Schedule()!;
        for (long t = 0; t < 200; t++)
        {
            double z = Math.Log(three.GetLearningRate(t, lr0) / (lr0 * (1 - t / 200.0))) / Math.Log(1.5);
            Assert.InRange(z, -7, 7); // β^z with z a standard normal draw
            Assert.InRange(twenty.GetLearningRate(t, lr0), 1e-3, Math.BitDecrement(0.1));
        }
    }

    [Fact]
    public void SeedSchedulesWithOtherSettings()
    {
        const double lr0 = 0.2;
        Check.Schedule(new ExponentialRootDecay { Delta = 0.9 }, lr0, t => lr0 / Math.Sqrt(1 + Math.Pow(0.9, t)));
        Check.Schedule(new WarmupThenDecay { WarmupSteps = 25, Gamma = 0.3, DecaySteps = 40 }, lr0,
            t => t < 25 ? lr0 * (t + 1) / 25 : lr0 * Math.Pow(0.3, (t - 25) / 40.0));
        Check.Schedule(new InverseSqrtDecay { Alpha = 0.5 }, lr0, t => lr0 / Math.Sqrt(1 + 0.5 * t));
        Check.Schedule(new LinearToZero { TotalSteps = 300 }, lr0, t => lr0 * (1 - t / 300.0));
        Check.Schedule(new InverseSqrtProgress { Alpha = 3, TotalSteps = 150 }, lr0, t => lr0 / Math.Sqrt(1 + 3.0 * t / 150));
        Check.Schedule(new NoisyPolynomialDecay { Alpha = 0.5, Beta = 1, TotalSteps = 250 }, lr0, t => lr0 * Math.Pow(1 - t / 250.0, 0.5));
    }
}
