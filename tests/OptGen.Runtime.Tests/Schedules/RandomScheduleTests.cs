using OptGen.SeedFormulas;

namespace OptGen.Runtime.Tests.Schedules;

public class RandomScheduleTests
{
    private const double Lr0 = 0.05;

    private static double[] Values(ILearningRateSchedule s, int steps = 200, double lr0 = Lr0) =>
        Enumerable.Range(0, steps).Select(t => s.GetLearningRate(t, lr0)).ToArray();

    private static (double Mean, double Sd) Moments(double[] x)
    {
        double mean = x.Average();
        return (mean, Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1)));
    }

    private static double Correlation(double[] a, double[] b)
    {
        (double ma, double sa) = Moments(a);
        (double mb, double sb) = Moments(b);
        return a.Zip(b, (x, y) => (x - ma) * (y - mb)).Sum() / ((a.Length - 1) * sa * sb);
    }

    public static TheoryData<string> Schedules => new() { "3", "20", "probe" };

    private static ILearningRateSchedule Make(string which, ulong seed) => which switch
    {
        "3" => new NoisyPolynomialDecay { TotalSteps = 200, Seed = seed },
        "20" => new UniformRandomRate { Seed = seed },
        _ => new DrawProbe { Pick = 3, Seed = seed },
    };

    [Theory]
    [MemberData(nameof(Schedules))]
    public void SameSeedSameValuesInAnyOrderAndOtherSeedsDiffer(string which)
    {
        double[] a = Values(Make(which, 7));
        Assert.Equal(a, Values(Make(which, 7)));
        ILearningRateSchedule s = Make(which, 7);
        double[] backwards = Enumerable.Range(0, 200).Reverse().Select(t => s.GetLearningRate(t, Lr0)).Reverse().ToArray();
        Assert.Equal(a, backwards); // a draw depends on (seed, t) only: resuming at any step gives the same values
        foreach (ulong other in new ulong[] { 0, 8, 1UL << 40 })
        {
            double[] b = Values(Make(which, other));
            Assert.True(a.Zip(b).Count(p => p.First != p.Second) > 190, $"seed {other} repeats seed 7's values");
        }
        Assert.All(a, v => Assert.True(double.IsFinite(v) && v > 0, $"rate {v}"));
    }

    [Fact]
    public void UniformStaysInRangeAndIsUniform()
    {
        double[] x = Values(new DrawProbe { Pick = 0, Seed = 3 }, 100_000);
        Assert.All(x, v => Assert.InRange(v, 0.2, Math.BitDecrement(0.7)));
        double[] u = x.Select(v => (v - 0.2) / 0.5).ToArray();
        (double mean, double sd) = Moments(u);
        Assert.InRange(mean, 0.49, 0.51);
        Assert.InRange(sd, Math.Sqrt(1.0 / 12) - 0.005, Math.Sqrt(1.0 / 12) + 0.005);
        for (int bin = 0; bin < 10; bin++)
            Assert.InRange(u.Count(v => (int)(v * 10) == bin), 9_500, 10_500);
    }

    [Fact]
    public void NormalHasMeanZeroSdOneAndDrawsAreIndependent()
    {
        double[] z = Values(new DrawProbe { Pick = 1, Seed = 11 }, 100_000);
        (double mean, double sd) = Moments(z);
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(sd, 0.98, 1.02);
        Assert.InRange(z.Count(v => Math.Abs(v) > 1.959964) / (double)z.Length, 0.045, 0.055);
        double[] u = Values(new DrawProbe { Pick = 0, Seed = 11 }, 100_000);
        double[] u2 = Values(new DrawProbe { Pick = 2, Seed = 11 }, 100_000);
        Assert.InRange(Correlation(u, z), -0.02, 0.02);
        Assert.InRange(Correlation(u, u2), -0.02, 0.02);
        Assert.InRange(Correlation(z[..^1], z[1..]), -0.02, 0.02); // consecutive steps
    }

    [Fact]
    public void Strategy3IsPolynomialDecayTimesBetaToAStandardNormal()
    {
        // With β = 1 the noise vanishes and the closed form remains.
        Check.Schedule(new NoisyPolynomialDecay { TotalSteps = 200, Alpha = 2, Beta = 1 }, Lr0, t => Lr0 * Math.Pow(1 - t / 200.0, 2));
        // Otherwise z = log_β(rate / (lr0 (1 - t/T)^α)) must be the same draw for every α, and standard normal.
        const int n = 50_000;
        double[] Z(double alpha) => Values(new NoisyPolynomialDecay { TotalSteps = 1_000_000, Alpha = alpha, Seed = 5 }, n)
            .Select((v, t) => Math.Log(v / (Lr0 * Math.Pow(1 - t / 1e6, alpha))) / Math.Log(1.5)).ToArray();
        double[] z1 = Z(1), z2 = Z(0.5);
        for (int t = 0; t < n; t++)
            Closeness.AssertClose(z1[t], z2[t], 1e-9, 1e-6, $"z at t = {t}");
        (double mean, double sd) = Moments(z1);
        Assert.InRange(mean, -0.03, 0.03);
        Assert.InRange(sd, 0.97, 1.03);
    }

    [Fact]
    public void Strategy20IsUniformBetweenMinAndMaxWhateverLr0()
    {
        var s = new UniformRandomRate { Seed = 7, MinRate = 0.01, MaxRate = 0.03 };
        double[] a = Values(s, 20_000, 0.5), b = Values(s, 20_000, 1e-4);
        Assert.Equal(a, b);
        Assert.All(a, v => Assert.InRange(v, 0.01, Math.BitDecrement(0.03)));
        Assert.InRange(Moments(a.Select(v => (v - 0.01) / 0.02).ToArray()).Mean, 0.49, 0.51);
        Assert.Equal(0.001, new UniformRandomRate().MinRate);
        Assert.Equal(0.1, new UniformRandomRate().MaxRate);
    }
}
