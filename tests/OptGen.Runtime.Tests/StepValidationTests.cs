using static OptGen.TestSupport.OptimizerSnapshot;
using static OptGen.TestSupport.TestTraining;

namespace OptGen.Runtime.Tests;

/// <summary>A step with parameters that do not match the state is an ArgumentException that changes nothing.</summary>
public class StepValidationTests
{
    private readonly TestKitchenSink _opt = new();
    private readonly Parameter _a = Param(10, "a", 1);
    private readonly Parameter _b = Param(7, "b", 2);

    private void AssertRejected(Action step, params Parameter[] all)
    {
        var snapshot = Take(_opt, all);
        var ex = Assert.ThrowsAny<ArgumentException>(step);
        Assert.Equal("parameters", ex.ParamName);
        snapshot.AssertUnchanged(_opt, all);
    }

    private void TwoSteps()
    {
        _opt.Step(_a, _b);
        _opt.Step(_a, _b);
        Assert.Equal(2, _opt.StepCount);
    }

    [Fact]
    public void NoParametersIsRejected()
    {
        AssertRejected(() => _opt.Step());
        TwoSteps();
        AssertRejected(() => _opt.Step(), _a, _b);
    }

    [Fact]
    public void ZeroLengthParameterIsRejectedOnTheFirstStepBeforeAnythingIsUpdated()
    {
        var empty = new Parameter(0, "empty");
        AssertRejected(() => _opt.Step(empty), empty);
        AssertRejected(() => _opt.Step(_a, empty), _a, empty);
        Assert.False(_opt.State.IsInitialized);
    }

    [Fact]
    public void ZeroLengthParameterIsRejectedOnALaterStep()
    {
        TwoSteps();
        var empty = new Parameter(0, "empty");
        AssertRejected(() => _opt.Step(_a, _b, empty), _a, _b, empty);
    }

    [Fact]
    public void FewerOrMoreParametersAreRejected()
    {
        TwoSteps();
        var c = Param(3, "c", 3);
        AssertRejected(() => _opt.Step(_a), _a, _b);
        AssertRejected(() => _opt.Step(_a, _b, c), _a, _b, c);
    }

    [Fact]
    public void AnotherParameterOfTheSameLengthIsRejected()
    {
        TwoSteps();
        var b2 = Param(_b.Length, "b2", 5);
        AssertRejected(() => _opt.Step(_a, b2), _a, _b, b2);
    }

    [Fact]
    public void ADifferentOrderIsRejected()
    {
        TwoSteps();
        var ex = Assert.Throws<ArgumentException>(() => _opt.Step(_b, _a));
        Assert.Contains("same order", ex.Message);
        AssertRejected(() => _opt.Step(_b, _a), _a, _b);
    }

    [Fact]
    public void ADifferentLengthIsRejectedWithTheLengthsInTheMessage()
    {
        TwoSteps();
        var longer = Param(_b.Length + 1, "b", 2);
        var ex = Assert.Throws<ArgumentException>(() => _opt.Step(_a, longer));
        Assert.Contains("8 elements instead of 7", ex.Message);
        AssertRejected(() => _opt.Step(_a, longer), _a, _b, longer);
    }

    [Fact]
    public void NullAndRepeatedParametersAreRejected()
    {
        AssertRejected(() => _opt.Step(_a, null!), _a);
        AssertRejected(() => _opt.Step(_a, _a), _a);
        TwoSteps();
        AssertRejected(() => _opt.Step(_a, null!), _a, _b);
        AssertRejected(() => _opt.Step(_a, _a), _a, _b);
    }

    /// <summary>Among many parameters (found by a set, not pairwise) a repeat still names both of its places.</summary>
    [Fact]
    public void ARepeatAmongManyParametersNamesBothPlaces()
    {
        Parameter[] many = Enumerable.Range(0, 200).Select(i => Param(3, "p" + i, i)).ToArray();
        many[150] = many[40];
        var ex = Assert.Throws<ArgumentException>(() => _opt.Step(many));
        Assert.Contains("Parameter 150 (p40) is passed to TestKitchenSink.Step twice (also at 40)", ex.Message);
        Assert.Equal(0, _opt.StepCount);
        many[150] = Param(3, "p150", 150);
        _opt.Step(many);
        Assert.Equal(1, _opt.StepCount);
    }

    [Fact]
    public void TheOriginalParametersStillWorkAfterARejectedStep()
    {
        TwoSteps();
        Assert.ThrowsAny<ArgumentException>(() => _opt.Step(_b, _a));
        float before = _a.Value[0];
        _opt.Step(_a, _b);
        Assert.Equal(3, _opt.StepCount);
        Assert.NotEqual(before, _a.Value[0]);
    }
}
