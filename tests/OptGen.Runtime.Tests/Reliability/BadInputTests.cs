namespace OptGen.Runtime.Tests.Reliability;

/// <summary>Bad input gets a clear exception and changes nothing: weights, gradients, state and StepCount are bit-identical
/// afterwards, and the next good step gives exactly what it gives on an optimizer that never saw the bad call.</summary>
public sealed class BadInputTests
{
    private static Parameter[] Model(int seed = 1, params int[] lengths)
    {
        var rng = new Random(seed);
        var ps = new Parameter[lengths.Length];
        for (int i = 0; i < ps.Length; i++)
        {
            ps[i] = new Parameter(lengths[i], "p" + i);
            for (int k = 0; k < lengths[i]; k++)
            {
                ps[i].Value[k] = (float)rng.NextDouble() - 0.5f;
                ps[i].Grad[k] = (float)rng.NextDouble() - 0.5f;
            }
        }
        return ps;
    }

    /// <summary>A stepped optimizer and its twin; <paramref name="bad"/> must throw <typeparamref name="TException"/> and change nothing.</summary>
    private static void AssertRejected<TException>(Func<IOptimizer> create, Action<IOptimizer, Parameter[]> bad, string message, int warmSteps = 2)
        where TException : Exception
    {
        Parameter[] ps = Model(1, 5, 17, 1), twinPs = Model(1, 5, 17, 1);
        IOptimizer opt = create(), twin = create();
        for (int i = 0; i < warmSteps; i++)
        {
            opt.Step(ps);
            twin.Step(twinPs);
        }
        OptimizerSnapshot before = OptimizerSnapshot.Take(opt, ps);
        var e = Assert.ThrowsAny<TException>(() => bad(opt, ps));
        Assert.Contains(message, e.Message, StringComparison.OrdinalIgnoreCase);
        OptimizerSnapshot.Take(opt, ps).AssertSame(before, e.GetType().Name + ": " + e.Message);

        // The optimizer still works, exactly as if the bad call had never happened.
        opt.Step(ps);
        twin.Step(twinPs);
        OptimizerSnapshot.Take(twin, twinPs).AssertSame(OptimizerSnapshot.Take(opt, ps), "the step after the rejected call");
    }

    public static TheoryData<string> Optimizers => new() { "Adam", "ManyStates", "Lamb", "Sgd" };

    private static Func<IOptimizer> Factory(string name) => name switch
    {
        "Adam" => () => new Adam { Amsgrad = true },
        "ManyStates" => () => new ManyStates { Decay = 0.01f },
        "Lamb" => () => new Lamb(),
        _ => () => new Sgd { Momentum = 0.9f, Nesterov = true },
    };

    [Fact]
    public void ParameterWithMismatchedLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => new Parameter(new float[3], new float[4]));
        Assert.Contains("4 elements but the value has 3", e.Message);
        Assert.Throws<ArgumentNullException>(() => new Parameter(null!, new float[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Parameter(-1));
    }

    [Fact]
    public void GradientArrayThatIsTheWeightsArray()
    {
        float[] both = [1f, 2f, 3f];
        var e = Assert.Throws<ArgumentException>(() => new Parameter(both, both));
        Assert.Contains("must not be the value buffer", e.Message);
        Assert.Equal([1f, 2f, 3f], both);
    }

    [Theory, MemberData(nameof(Optimizers))]
    public void ZeroLengthTensor(string name)
    {
        AssertRejected<ArgumentException>(Factory(name), (o, ps) => o.Step(ps[0], new Parameter(0), ps[2]), "has no elements", warmSteps: 0);
        AssertRejected<ArgumentException>(Factory(name), (o, ps) => o.Step(new Parameter(Array.Empty<float>(), Array.Empty<float>())), "has no elements", warmSteps: 0);
        AssertRejected<ArgumentException>(Factory(name), (o, ps) => o.Step(ps[0], new Parameter(0), ps[2]), "has no elements");
    }

    [Theory, MemberData(nameof(Optimizers))]
    public void EmptyNullOrDuplicatedParameters(string name)
    {
        AssertRejected<ArgumentException>(Factory(name), (o, ps) => o.Step(ReadOnlySpan<Parameter>.Empty), "at least one parameter");
        AssertRejected<ArgumentNullException>(Factory(name), (o, ps) => o.Step(ps[0], null!, ps[2]), "is null");
        AssertRejected<ArgumentException>(Factory(name), (o, ps) => o.Step(ps[0], ps[1], ps[0]), "twice", warmSteps: 0);
    }

    [Theory, MemberData(nameof(Optimizers))]
    public void ParameterSetThatChangesBetweenSteps(string name)
    {
        AssertRejected<ArgumentException>(Factory(name), (o, ps) => o.Step(ps[0], ps[1]), "was given 2 parameters");
        AssertRejected<ArgumentException>(Factory(name), (o, ps) => o.Step(ps[0], ps[1], ps[2], new Parameter(3)), "was given 4 parameters");
        AssertRejected<ArgumentException>(Factory(name), (o, ps) => o.Step(ps[1], ps[0], ps[2]), "same order");
        AssertRejected<ArgumentException>(Factory(name), (o, ps) => o.Step(ps[0], new Parameter(17, "p1"), ps[2]), "not the one its state was created for");
        AssertRejected<ArgumentException>(Factory(name), (o, ps) => o.Step(ps[0], ps[1], new Parameter(2, "p2")), "2 elements instead of 1");
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(-1e-3f)]
    public void NonFiniteLearningRate(float rate)
    {
        foreach (string name in new[] { "Adam", "ManyStates", "Lamb", "Sgd" })
            AssertRejected<ArgumentOutOfRangeException>(Factory(name), (o, ps) => o.LearningRate = rate, "LearningRate");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteHyperparameters(double value)
    {
        // Every bounded or floating hyperparameter rejects NaN, and the infinities its range excludes.
        AssertRejected<ArgumentOutOfRangeException>(() => new Adam(), (o, _) => ((Adam)o).Beta1 = (float)value, "Beta1");
        AssertRejected<ArgumentOutOfRangeException>(() => new Adam(), (o, _) => ((Adam)o).Beta2 = (float)value, "Beta2");
        AssertRejected<ArgumentOutOfRangeException>(() => new ManyStates(), (o, _) => ((ManyStates)o).Decay = (float)value, "Decay");
        AssertRejected<ArgumentOutOfRangeException>(() => new ManyStates(), (o, _) => ((ManyStates)o).Beta = (float)value, "Beta");
        if (!double.IsPositiveInfinity(value)) // Eps has Min = 0 and no Max: +Inf is in range by the contract
        {
            AssertRejected<ArgumentOutOfRangeException>(() => new Adam(), (o, _) => ((Adam)o).Eps = (float)value, "Eps");
            AssertRejected<ArgumentOutOfRangeException>(() => new ManyStates(), (o, _) => ((ManyStates)o).Eps = value, "Eps");
        }
    }

    private sealed class BrokenSchedule(double value) : ILearningRateSchedule
    {
        public double GetLearningRate(long completedSteps, double baseLearningRate) => value;
    }

    [Theory]
    [InlineData(double.NaN, 0)]
    [InlineData(double.PositiveInfinity, 0)]
    [InlineData(double.NegativeInfinity, 3)]
    [InlineData(double.NaN, 3)]
    public void ScheduleReturningANonFiniteRate(double rate, int warmSteps)
    {
        foreach (string name in new[] { "Adam", "ManyStates", "Lamb", "Sgd" })
        {
            AssertRejected<InvalidOperationException>(Factory(name), (o, ps) =>
            {
                o.Schedule = new BrokenSchedule(rate);
                try
                {
                    o.Step(ps);
                }
                finally
                {
                    o.Schedule = null;
                }
            }, "must be finite", warmSteps);
        }
    }
}
