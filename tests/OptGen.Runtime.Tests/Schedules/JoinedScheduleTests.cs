namespace OptGen.Runtime.Tests.Schedules;

public class JoinedScheduleTests
{
    /// <summary>Returns 1000 · Id + the step it is asked for, so a test sees which part answered and at which step.</summary>
    private sealed class Probe(int id) : ILearningRateSchedule
    {
        public double GetLearningRate(long completedSteps, double baseLearningRate) => 1000 * id + completedSteps;
    }

    [Fact]
    public void SwitchesAtTheBoundariesAndRestartsEachPartAtItsStepZero()
    {
        var joined = new JoinedSchedule([new Probe(1), new Probe(2), new Probe(3)], [5, 12]);
        for (long t = 0; t < 200; t++)
        {
            double expected = t < 5 ? 1000 + t : t < 12 ? 2000 + (t - 5) : 3000 + (t - 12);
            Assert.Equal(expected, joined.GetLearningRate(t, 0.1));
        }
    }

    [Fact]
    public void ABoundaryAtZeroSkipsTheFirstPartAndOnePartIsItself()
    {
        var skip = new JoinedSchedule([new Probe(1), new Probe(2)], [0]);
        Assert.Equal(2000.0, skip.GetLearningRate(0, 0.1));
        Assert.Equal(2007.0, skip.GetLearningRate(7, 0.1));
        var one = new JoinedSchedule([new ExponentialSchedule { Gamma = 0.95 }], []);
        Check.Schedule(one, 0.1, t => 0.1 * Math.Pow(0.95, t));
    }

    [Fact]
    public void WarmupJoinedWithCosineIsContinuousAndEqualsOptaxWarmupCosine()
    {
        const double lr0 = 0.1;
        const long warmup = 50, decay = 400;
        var up = new LinearSchedule { StartFactor = 0, EndFactor = 1, TotalIters = warmup };
        var down = new CosineAnnealingSchedule { TMax = decay - warmup };
        var joined = new JoinedSchedule([up, down], [warmup]);
        double left = up.GetLearningRate(warmup, lr0), right = down.GetLearningRate(0, lr0);
        Closeness.AssertClose(left, right, 1e-12, 0, "warm-up end vs decay start");
        Closeness.AssertClose(right, joined.GetLearningRate(warmup, lr0), 1e-12, 0, "joined at the boundary");
        Closeness.AssertClose(up.GetLearningRate(warmup - 1, lr0), joined.GetLearningRate(warmup - 1, lr0), 1e-12, 0, "joined before the boundary");
        Check.Schedule(joined, lr0, t => new WarmupCosineSchedule { WarmupSteps = warmup, DecaySteps = decay }.GetLearningRate(t, lr0), 400, 1e-12);
    }

    [Fact]
    public void TakesCopiesOfItsArguments()
    {
        ILearningRateSchedule[] parts = [new Probe(1), new Probe(2)];
        long[] boundaries = [10];
        var joined = new JoinedSchedule(parts, boundaries);
        parts[1] = new Probe(9);
        boundaries[0] = 100;
        Assert.Equal(2000.0, joined.GetLearningRate(10, 1));
    }

    [Fact]
    public void RejectsInvalidArguments()
    {
        var a = new Probe(1);
        var b = new Probe(2);
        Assert.ThrowsAny<ArgumentException>(() => new JoinedSchedule(null!, []));
        Assert.ThrowsAny<ArgumentException>(() => new JoinedSchedule([a], null!));
        Assert.Throws<ArgumentException>(() => new JoinedSchedule([], []));
        Assert.Throws<ArgumentException>(() => new JoinedSchedule([a, b], []));
        Assert.Throws<ArgumentException>(() => new JoinedSchedule([a, b], [1, 2]));
        Assert.Throws<ArgumentException>(() => new JoinedSchedule([a], [3]));
        Assert.Throws<ArgumentException>(() => new JoinedSchedule([a, b], [-1]));
        Assert.Throws<ArgumentException>(() => new JoinedSchedule([a, b, a], [5, 5]));
        Assert.Throws<ArgumentException>(() => new JoinedSchedule([a, b, a], [6, 5]));
        Assert.ThrowsAny<ArgumentException>(() => new JoinedSchedule([a, null!], [5]));
    }
}
