namespace OptGen.Runtime.Tests.Schedules;

/// <summary>[Schedule] classes compute their closed form, drive <c>lr</c>, and draw reproducibly from Seed.</summary>
public class ScheduleTests
{
    [Theory]
    [InlineData(0.5f, 7)]
    [InlineData(0.1f, 30)]
    [InlineData(0.9f, 1)]
    public void StepDecayGivesItsClosedForm(float gamma, int stepSize)
    {
        var schedule = new TestStepDecay { Gamma = gamma, StepSize = stepSize };
        for (long t = 0; t <= 100; t++)
        {
            double expected = 0.3 * Math.Pow(gamma, Math.Floor((double)t / stepSize));
            Assert.Equal(expected, schedule.GetLearningRate(t, 0.3), 1e-15);
        }
    }

    [Fact]
    public void LrInTheUpdateFollowsTheSchedule()
    {
        var opt = new TestSgd { LearningRate = 0.1f, Schedule = new TestStepDecay { Gamma = 0.5f, StepSize = 2 } };
        var p = new Parameter(new float[3]);
        p.Grad.Fill(1f);
        for (int step = 1; step <= 7; step++)
        {
            float before = p.Value[0];
            opt.Step(p);
            double lr = 0.1f * Math.Pow(0.5, Math.Floor((step - 1) / 2.0));
            Assert.Equal(-lr, p.Value[0] - before, 1e-6);
        }
    }

    [Fact]
    public void ScheduleGetsCompletedStepsAndTheBaseRate()
    {
        var recorder = new RecordingSchedule();
        var opt = new TestAdam { LearningRate = 0.25f, Schedule = recorder };
        var p = new Parameter(new float[5]);
        opt.Step(p);
        opt.Step(p);
        opt.LearningRate = 0.5f;
        opt.Step(p);
        opt.Reset();
        opt.Step(p);
        Assert.Equal([(0L, 0.25), (1L, 0.25), (2L, 0.5), (0L, 0.5)], recorder.Calls);
    }

    [Fact]
    public void RemovingTheScheduleReturnsToLearningRate()
    {
        var opt = new TestSgd { LearningRate = 0.1f, Schedule = new TestStepDecay { Gamma = 0f, StepSize = 1 } };
        var p = new Parameter(new float[1]);
        p.Grad[0] = 1;
        opt.Step(p);
        opt.Step(p); // rate 0 from the second step on
        Assert.Equal(-0.1f, p.Value[0], 1e-7f);
        opt.Schedule = null;
        opt.Step(p);
        Assert.Equal(-0.2f, p.Value[0], 1e-6f);
    }

    private static double[] Draws(ILearningRateSchedule s, int count = 200) =>
        Enumerable.Range(0, count).Select(t => s.GetLearningRate(t, 2.0)).ToArray();

    [Fact]
    public void RandomSchedulesAreReproducibleFromTheSeed()
    {
        Assert.Equal(Draws(new TestNoisySchedule { Seed = 42 }), Draws(new TestNoisySchedule { Seed = 42 }));
        var s = new TestNoisySchedule { Seed = 7 };
        Assert.Equal(Draws(s), Draws(s));
        Assert.Equal(Draws(new TestNormalSchedule()), Draws(new TestNormalSchedule { Seed = 0 }));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentDraws()
    {
        double[] a = Draws(new TestNoisySchedule { Seed = 1 }), b = Draws(new TestNoisySchedule { Seed = 2 });
        Assert.True(a.Zip(b).Count(x => x.First != x.Second) > 190);
        Assert.NotEqual(Draws(new TestUniformSchedule { Seed = 1 }), Draws(new TestUniformSchedule { Seed = 2 }));
        Assert.NotEqual(Draws(new TestNormalSchedule { Seed = 1 }), Draws(new TestNormalSchedule { Seed = 2 }));
    }

    [Fact]
    public void UniformDrawsAreUniformOn01AndChangeEveryStep()
    {
        double[] u = Draws(new TestUniformSchedule { Seed = 3 }, 5000).Select(x => x / 2.0).ToArray();
        Assert.All(u, x => Assert.InRange(x, 0.0, 0.99999999));
        Assert.InRange(u.Average(), 0.48, 0.52);
        Assert.InRange(u.Count(x => x < 0.25) / 5000.0, 0.23, 0.27);
        Assert.True(u.Distinct().Count() > 4990);
    }

    [Fact]
    public void NormalDrawsHaveMean0AndSpread1()
    {
        double[] z = Draws(new TestNormalSchedule { Seed = 5 }, 5000).Select(x => x / 2.0).ToArray();
        double mean = z.Average();
        double sd = Math.Sqrt(z.Select(x => (x - mean) * (x - mean)).Average());
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(sd, 0.95, 1.05);
        Assert.InRange(z.Count(x => Math.Abs(x) < 1) / 5000.0, 0.65, 0.71);
    }

    [Fact]
    public void OptimizerWithARandomScheduleIsReproducible()
    {
        float[] Run(ulong seed)
        {
            var opt = new TestSgd { LearningRate = 0.1f, Schedule = new TestNoisySchedule { Seed = seed } };
            var p = new Parameter(new float[4]);
            p.Grad.Fill(1f);
            for (int i = 0; i < 10; i++)
                opt.Step(p);
            return p.Value.ToArray();
        }
        Assert.Equal(Run(9), Run(9));
        Assert.NotEqual(Run(9), Run(10));
    }

    private sealed class RecordingSchedule : ILearningRateSchedule
    {
        public List<(long, double)> Calls { get; } = new();

        public double GetLearningRate(long completedSteps, double baseLearningRate)
        {
            Calls.Add((completedSteps, baseLearningRate));
            return baseLearningRate;
        }
    }
}
