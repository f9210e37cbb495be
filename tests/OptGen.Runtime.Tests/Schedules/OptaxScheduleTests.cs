namespace OptGen.Runtime.Tests.Schedules;

/// <summary>Library schedules against Optax's (and Keras') definitions, written out as in their sources.</summary>
public class OptaxScheduleTests
{
    private const double Lr0 = 0.1;

    // optax.polynomial_schedule: count clipped to [0, transition_steps].
    private static double Polynomial(long t, double init, double end, double power, long steps) =>
        (init - end) * Math.Pow(1 - (double)Math.Clamp(t, 0, steps) / steps, power) + end;

    // optax.cosine_decay_schedule with alpha and exponent 1.
    private static double CosineDecay(long t, double init, long decaySteps, double alpha) =>
        init * ((1 - alpha) * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(t, decaySteps) / decaySteps)) + alpha);

    // optax.warmup_cosine_decay_schedule = join_schedules([linear_schedule, cosine_decay_schedule], [warmup]).
    private static double WarmupCosine(long t, double init, double peak, long warmup, long decay, double end)
    {
        double alpha = peak == 0 ? 0 : end / peak;
        if (t < warmup)
            return Polynomial(t, init, peak, 1, warmup);
        return CosineDecay(t - warmup, peak, decay - warmup, alpha);
    }

    [Fact]
    public void ConstantSchedule()
    {
        Check.Schedule(new ConstantSchedule(), Lr0, t => Lr0);
        Check.Schedule(new ConstantSchedule { Factor = 0.25 }, Lr0, t => Lr0 * 0.25);
    }

    [Theory]
    [InlineData(0.5, 7L, false)]
    [InlineData(0.5, 7L, true)]
    [InlineData(0.99, 1L, true)]
    public void ExponentialDecay(double rate, long transition, bool staircase)
    {
        var s = new ExponentialSchedule { Gamma = rate, DecaySteps = transition, Staircase = staircase };
        Check.Schedule(s, Lr0, t =>
        {
            double p = (double)t / transition;
            return Lr0 * Math.Pow(rate, staircase ? Math.Floor(p) : p);
        });
    }

    [Theory]
    [InlineData(150L, 1.0, 0.0)]
    [InlineData(150L, 2.0, 1e-4)]
    [InlineData(40L, 0.5, 0.02)]
    public void PolynomialSchedule(long steps, double power, double end)
    {
        var s = new PolynomialSchedule { TotalIters = steps, Power = power, EndValue = end };
        Check.Schedule(s, Lr0, t => Polynomial(t, Lr0, end, power, steps));
    }

    [Fact]
    public void PiecewiseConstantSchedule()
    {
        // Boundaries given out of order and one repeated: Optax applies every scale whose boundary is ≤ count.
        (long B, double S)[] bs = [(60, 0.1), (20, 0.5), (60, 2.0), (150, 0.3)];
        var s = new PiecewiseConstantSchedule
        {
            Boundary1 = bs[0].B, Scale1 = bs[0].S, Boundary2 = bs[1].B, Scale2 = bs[1].S,
            Boundary3 = bs[2].B, Scale3 = bs[2].S, Boundary4 = bs[3].B, Scale4 = bs[3].S,
        };
        Check.Schedule(s, Lr0, t =>
        {
            double v = Lr0;
            foreach ((long b, double scale) in bs)
            {
                double indicator = Math.Max(0, Math.Sign(b - t));
                v = v * indicator + (1 - indicator) * scale * v;
            }
            return v;
        });
        Check.Schedule(new PiecewiseConstantSchedule(), Lr0, t => Lr0);
    }

    [Theory]
    [InlineData(100L, 1000L, 0.0, 0.0)]
    [InlineData(20L, 150L, 1e-4, 1e-5)]
    [InlineData(0L, 120L, 0.0, 1e-3)]
    public void WarmupCosineDecay(long warmup, long decay, double init, double end)
    {
        var d = new WarmupCosineSchedule();
        Assert.Equal((0.0, 0.0), (d.InitValue, d.EndValue)); // Optax end_value=0.0
        var s = new WarmupCosineSchedule { WarmupSteps = warmup, DecaySteps = decay, InitValue = init, EndValue = end };
        Check.Schedule(s, Lr0, t => WarmupCosine(t, init, Lr0, warmup, decay, end));
    }

    [Theory]
    [InlineData(1.0, 1L, false)]
    [InlineData(0.5, 10L, false)]
    [InlineData(0.5, 10L, true)]
    public void InverseTimeDecay(double rate, long steps, bool staircase)
    {
        // Keras InverseTimeDecay: lr0 / (1 + rate * p), p = step / decay_steps (floored with staircase).
        var s = new InverseTimeSchedule { DecayRate = rate, DecaySteps = steps, Staircase = staircase };
        Check.Schedule(s, Lr0, t => Lr0 / (1 + rate * (staircase ? Math.Floor((double)t / steps) : (double)t / steps)));
    }
}
