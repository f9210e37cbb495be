using static OptGen.TestSupport.OptimizerSnapshot;
using static OptGen.TestSupport.TestTraining;

namespace OptGen.Runtime.Tests.Schedules;

/// <summary>A schedule that returns NaN or an infinity makes the step throw InvalidOperationException and change nothing.</summary>
public class ScheduleFailureTests
{
    private sealed class BadAt(long badStep, double value) : ILearningRateSchedule
    {
        public double GetLearningRate(long completedSteps, double baseLearningRate) =>
            completedSteps == badStep ? value : baseLearningRate;
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void BadRateOnALaterStepThrowsAndChangesNothing(double bad)
    {
        var opt = new TestKitchenSink { Schedule = new BadAt(2, bad) };
        Parameter a = Param(9, "a", 1), b = Param(20, "b", 2);
        opt.Step(a, b);
        opt.Step(a, b);
        var snapshot = Take(opt, a, b);
        var ex = Assert.Throws<InvalidOperationException>(() => opt.Step(a, b));
        Assert.Contains("schedule", ex.Message);
        snapshot.AssertUnchanged(opt, a, b);

        opt.Schedule = null;
        opt.Step(a, b);
        Assert.Equal(3, opt.StepCount);
    }

    [Fact]
    public void BadRateOnTheFirstStepThrowsAndAllocatesNoState()
    {
        var opt = new TestAdam { Schedule = new BadAt(0, double.NaN) };
        Parameter a = Param(9, "a", 1);
        var snapshot = Take(opt, a);
        Assert.Throws<InvalidOperationException>(() => opt.Step(a));
        snapshot.AssertUnchanged(opt, a);
        Assert.False(opt.State.IsInitialized);

        // Nothing was bound to the failed call's parameters: another set can be the first one.
        opt.Schedule = null;
        Parameter other = Param(4, "other", 3);
        opt.Step(other);
        Assert.Equal(4, opt.State.Tensors[0].Length);
    }
}
