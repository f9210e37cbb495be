namespace OptGen.Runtime.Tests.Schedules;

/// <summary>Schedules on hyperparameters other than the learning rate (<see cref="HyperparameterSchedules"/>).</summary>
public class HyperparameterSchedulesTests
{
    // Built-ins (float hyperparameters), a double-typed declaration, and transforms' settings (decay, clipping norm,
    // gradient accumulation, whose micro-steps all see the value of the step they belong to).
    public static TheoryData<string> Optimizers => ["AdamW", "SgdMomentum", "Lion", "DoubleMomentum", "AdamDecay", "MomentumClipNorm", "AccumulatedMomentum"];

    private static IOptimizer Make(string name) => name switch
    {
        "AdamW" => new AdamW { LearningRate = 0.01f, WeightDecay = 0.05f, Beta1 = 0.85f },
        "SgdMomentum" => new Sgd { LearningRate = 0.03f, Momentum = 0.9f, WeightDecay = 0.01f, Dampening = 0.1f },
        "Lion" => new Lion { LearningRate = 0.003f, WeightDecay = 0.1f },
        "DoubleMomentum" => new DoubleMomentum { Beta = 0.8, Decay = 0.03 },
        "AccumulatedMomentum" => new AccumulatedMomentum(),
        _ => Harness.Make(name),
    };

    private static string[] Schedulable(IOptimizer opt) => ((IHyperparameters)opt).Hyperparameters
        .Where(h => h.Kind is HyperparameterKind.Float or HyperparameterKind.Double).Select(h => h.Name).ToArray();

    private static HyperparameterSchedules SchedulesOf(IOptimizer opt) => ((IScheduledHyperparameters)opt).HyperparameterSchedules;

    private static Parameter[] NewParameters() =>
    [
        new Parameter(Enumerable.Range(0, 37).Select(i => MathF.Sin(i * 0.7f)).ToArray()),
        new Parameter(Enumerable.Range(0, 5).Select(i => 0.3f * i - 0.5f).ToArray()),
    ];

    private static void SetGradients(Parameter[] ps, int step)
    {
        foreach (Parameter p in ps)
        {
            for (int i = 0; i < p.Grad.Length; i++)
                p.Grad[i] = MathF.Cos(0.37f * i + 1.3f * step) * (1 + 0.1f * (step % 3)) + 0.05f * p.Value[i];
        }
    }

    private static Parameter[] Run(IOptimizer opt, int steps, Action<int>? beforeStep = null)
    {
        Parameter[] ps = NewParameters();
        for (int s = 0; s < steps; s++)
        {
            SetGradients(ps, s);
            beforeStep?.Invoke(s);
            opt.Step(ps);
        }
        return ps;
    }

    private static void AssertSameBits(Parameter[] expected, Parameter[] actual, string what)
    {
        for (int k = 0; k < expected.Length; k++)
        {
            for (int i = 0; i < expected[k].Value.Length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[k].Value[i]) == BitConverter.SingleToInt32Bits(actual[k].Value[i]),
                    $"{what}: tensor {k}[{i}] {expected[k].Value[i]:R} vs {actual[k].Value[i]:R}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void AConstantScheduleOnEveryHyperparameterIsBitIdenticalToTheConstants(string name)
    {
        IOptimizer plain = Make(name), scheduled = Make(name);
        string[] names = Schedulable(scheduled);
        Assert.NotEmpty(names);
        foreach (string h in names)
            SchedulesOf(scheduled).Set(h, new ConstantSchedule());
        AssertSameBits(Run(plain, 25), Run(scheduled, 25), name);
        foreach (string h in names)
            Assert.Equal(((IHyperparameters)plain).GetHyperparameter(h), ((IHyperparameters)scheduled).GetHyperparameter(h));
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void AScheduleGivesTheFormulaScheduleOfTAndBaseAsIfSetByHandBeforeEachStep(string name)
    {
        // Every schedulable hyperparameter decays by 0.97 per step from its base; by hand, the same values are set
        // (through the property, as float or double) before each step. A schedule ignored, or read a step late, differs.
        IOptimizer byHand = Make(name), scheduled = Make(name);
        var hand = (IHyperparameters)byHand;
        string[] names = Schedulable(scheduled);
        double[] bases = names.Select(hand.GetHyperparameter).ToArray();
        foreach (string h in names)
            SchedulesOf(scheduled).Set(h, new ExponentialSchedule { Gamma = 0.97 });
        Parameter[] expected = Run(byHand, 30, _ =>
        {
            for (int i = 0; i < names.Length; i++)
                hand.SetHyperparameter(names[i], bases[i] * Math.Pow(0.97, byHand.StepCount));
        });
        Parameter[] unscheduled = Run(Make(name), 30);
        Parameter[] actual = Run(scheduled, 30);
        AssertSameBits(expected, actual, name);
        Assert.NotEqual(unscheduled[0].Value[3], actual[0].Value[3]);
        // Between steps the property shows the value the last step used; the base is kept.
        for (int i = 0; i < names.Length; i++)
        {
            Assert.Equal(hand.GetHyperparameter(names[i]), ((IHyperparameters)scheduled).GetHyperparameter(names[i]));
            Assert.Equal(bases[i], SchedulesOf(scheduled).GetBase(names[i]));
        }
    }

    [Fact]
    public void AnOptimizerCheckpointResumesAHyperparameterScheduleExactly()
    {
        // The value is a function of the step count, which the checkpoint keeps, and of the base, which is configuration.
        static AdamW Configured()
        {
            var opt = new AdamW { LearningRate = 0.01f, WeightDecay = 0.2f, Schedule = new CosineAnnealingSchedule { TMax = 30 } };
            opt.HyperparameterSchedules.Set(nameof(AdamW.WeightDecay), opt.Schedule);
            opt.HyperparameterSchedules.Set(nameof(AdamW.Beta1), new LinearSchedule { StartFactor = 0.5, TotalIters = 12 });
            return opt;
        }
        AdamW straight = Configured();
        Parameter[] expected = Run(straight, 20);

        AdamW first = Configured();
        Parameter[] ps = Run(first, 9);
        var stream = new System.IO.MemoryStream();
        OptGen.Checkpoints.Checkpoint.Save(stream, ps, first);
        AdamW resumed = Configured();
        Parameter[] restored = NewParameters();
        stream.Position = 0;
        OptGen.Checkpoints.Checkpoint.Load(stream, restored, resumed);
        for (int s = 9; s < 20; s++)
        {
            SetGradients(restored, s);
            resumed.Step(restored);
        }
        AssertSameBits(expected, restored, "resumed");
        Assert.Equal(straight.WeightDecay, resumed.WeightDecay);
        Assert.Equal(straight.Beta1, resumed.Beta1);
    }

    [Fact]
    public void RemovingAScheduleRestoresTheBaseAndReplacingOneKeepsIt()
    {
        var opt = new AdamW { WeightDecay = 0.1f };
        HyperparameterSchedules schedules = opt.HyperparameterSchedules;
        schedules.Set(nameof(AdamW.WeightDecay), new ExponentialSchedule { Gamma = 0.5 });
        Run(opt, 3);
        Assert.Equal((float)(0.1f * 0.25), opt.WeightDecay);
        schedules.Set(nameof(AdamW.WeightDecay), new ConstantSchedule { Factor = 2 });
        Assert.Equal(0.1f, (float)schedules.GetBase(nameof(AdamW.WeightDecay)));
        Assert.Equal(0.2, schedules.GetValue(nameof(AdamW.WeightDecay), 7), 6);
        Assert.True(schedules.Remove(nameof(AdamW.WeightDecay)));
        Assert.Equal(0.1f, opt.WeightDecay);
        Assert.Equal(0, schedules.Count);
        Assert.False(schedules.Remove(nameof(AdamW.WeightDecay)));
        Assert.Null(schedules.Get(nameof(AdamW.WeightDecay)));
    }

    private sealed class Returns(long badStep, double bad) : ILearningRateSchedule
    {
        public double GetLearningRate(long completedSteps, double baseLearningRate) => completedSteps == badStep ? bad : baseLearningRate;
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1.5)]
    [InlineData(-0.25)]
    [InlineData(double.PositiveInfinity)]
    public void AValueOutOfRangeThrowsNamingItAndChangesNothing(double bad)
    {
        var opt = new AdamW { LearningRate = 0.01f, Beta1 = 0.8f, WeightDecay = 0.05f };
        opt.HyperparameterSchedules.Set(nameof(AdamW.WeightDecay), new ExponentialSchedule { Gamma = 0.9 });
        opt.HyperparameterSchedules.Set(nameof(AdamW.Beta1), new Returns(4, bad));
        Parameter[] ps = Run(opt, 4);
        float[] before = ps.SelectMany(p => p.Value.ToArray()).ToArray();
        float decay = opt.WeightDecay, beta = opt.Beta1;
        SetGradients(ps, 4);
        var e = Assert.Throws<InvalidOperationException>(() => opt.Step(ps));
        Assert.Contains("AdamW.Beta1", e.Message);
        Assert.Contains("step 5", e.Message);
        Assert.Contains(bad.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Equal(4, opt.StepCount);
        Assert.Equal(decay, opt.WeightDecay);
        Assert.Equal(beta, opt.Beta1);
        Assert.Equal(before, ps.SelectMany(p => p.Value.ToArray()).ToArray());
    }

    [Fact]
    public void AValueBeyondFloatRangeIsRefusedForAFloat()
    {
        var opt = new AdamW { WeightDecay = 0.05f };
        opt.HyperparameterSchedules.Set(nameof(AdamW.WeightDecay), new Returns(0, 1e300));
        var e = Assert.Throws<InvalidOperationException>(() => Run(opt, 1));
        Assert.Contains("WeightDecay", e.Message);
        Assert.Equal(0.05f, opt.WeightDecay);
    }

    [Fact]
    public void IntBoolUnknownAndTheLearningRateAreRefusedWithClearMessages()
    {
        var opt = new DoubleMomentum();
        HyperparameterSchedules s = opt.HyperparameterSchedules;
        var e = Assert.Throws<ArgumentException>(() => s.Set(nameof(DoubleMomentum.Scale), new ConstantSchedule()));
        Assert.Contains("DoubleMomentum.Scale is an int hyperparameter; only float and double", e.Message);
        e = Assert.Throws<ArgumentException>(() => s.Set(nameof(DoubleMomentum.Flip), new ConstantSchedule()));
        Assert.Contains("DoubleMomentum.Flip is a bool hyperparameter", e.Message);
        e = Assert.Throws<ArgumentException>(() => s.Set("beta", new ConstantSchedule()));
        Assert.Contains("no hyperparameter 'beta'", e.Message);
        Assert.Contains("Beta, Decay, Scale, Flip", e.Message);
        e = Assert.Throws<ArgumentException>(() => s.Set("LearningRate", new ConstantSchedule()));
        Assert.Contains("IOptimizer.Schedule", e.Message);
        Assert.Throws<ArgumentNullException>(() => s.Set("Beta", null!));
        Assert.Equal(0, s.Count);
    }

    [Fact]
    public void ApplyingSchedulesAllocatesNothingPerStep()
    {
        var opt = new AdamW { LearningRate = 0.01f, Schedule = new CosineAnnealingSchedule { TMax = 50 } };
        opt.HyperparameterSchedules.Set(nameof(AdamW.WeightDecay), new ExponentialSchedule { Gamma = 0.99 });
        opt.HyperparameterSchedules.Set(nameof(AdamW.Beta2), new JoinedSchedule([new ConstantSchedule(), new ConstantSchedule { Factor = 0.999 }], [10]));
        Parameter[] ps = NewParameters();
        SetGradients(ps, 0);
        opt.Step(ps);
        Assert.Equal(0, Allocations.OfSteps(opt, ps, 100));
        Assert.Equal((float)(0.999f * 0.999), opt.Beta2); // the base is the float 0.999f
    }
}
