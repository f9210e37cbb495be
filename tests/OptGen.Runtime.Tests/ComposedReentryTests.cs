using System;
using OptGen.Optimizers;
using OptGen.Runtime.Tests.Routing;
using Xunit;

namespace OptGen.Runtime.Tests;

/// <summary>
/// An optimizer over others (routing, Lookahead) takes one step at a time and refuses a Reset during a step, naming
/// itself; a refused call leaves it usable. A member's schedule runs inside the step, so one that calls back into
/// the outer optimizer is a call during its step, on one thread, every time.
/// </summary>
public class ComposedReentryTests
{
    [Theory]
    [InlineData("RoutedOptimizer")]
    [InlineData("Lookahead")]
    public void ResetOrStepDuringAStepIsRefusedAndTheOptimizerStaysUsable(string kind)
    {
        var callback = new CallbackSchedule();
        var member = new Sgd { LearningRate = 0.1f, Schedule = callback };
        IOptimizer outer = kind == "Lookahead" ? new Lookahead(member) : new RoutedOptimizer(new Route("all", Routes.Any, member));
        Parameter[] tensors = RoutingFixture.Tensors();
        RoutingFixture.SetGradients(tensors, 0);

        callback.During = outer.Reset;
        var reset = Assert.Throws<InvalidOperationException>(() => outer.Step(tensors));
        Assert.Contains($"{kind}.Reset was called while a Step was running", reset.Message, StringComparison.Ordinal);

        callback.During = () => outer.Step(tensors);
        var step = Assert.Throws<InvalidOperationException>(() => outer.Step(tensors));
        Assert.Contains($"{kind}.Step was called while another Step on the same optimizer was running", step.Message, StringComparison.Ordinal);

        callback.During = null;
        outer.Step(tensors);
        Assert.Equal(1, outer.StepCount);
        outer.Reset();
        Assert.Equal(0, outer.StepCount);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ANonFiniteLossIsRefusedByBothAsByAGeneratedOptimizer(double loss)
    {
        var routed = new RoutedOptimizer(new Route("all", Routes.Any, new Sgd()));
        var lookahead = new Lookahead(new Sgd());
        Assert.Equal("Loss", Assert.Throws<ArgumentOutOfRangeException>(() => routed.Loss = loss).ParamName);
        Assert.Equal("Loss", Assert.Throws<ArgumentOutOfRangeException>(() => lookahead.Loss = loss).ParamName);
        routed.Loss = 2.5;
        lookahead.Loss = 2.5;
        Assert.Equal(2.5, routed.Loss);
        Assert.Equal(2.5, lookahead.Loss);
    }

    private sealed class CallbackSchedule : ILearningRateSchedule
    {
        public Action? During { get; set; }

        public double GetLearningRate(long completedSteps, double baseLearningRate)
        {
            During?.Invoke();
            return baseLearningRate;
        }
    }
}
