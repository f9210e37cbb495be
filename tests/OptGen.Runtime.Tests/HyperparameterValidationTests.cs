using System.Reflection;

namespace OptGen.Runtime.Tests;

/// <summary>Hyperparameter setters reject NaN and values outside Min/Max, naming the property, and keep the old value.</summary>
public class HyperparameterValidationTests
{
    private static void Set(object target, string property, object value) =>
        target.GetType().GetProperty(property)!.SetMethod!.Invoke(target, BindingFlags.DoNotWrapExceptions, null, [value], null);

    private static object? Get(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target);

    private static object Create(string type) => type switch
    {
        nameof(TestAdam) => new TestAdam(),
        nameof(TestSgd) => new TestSgd(),
        nameof(TestLamb) => new TestLamb(),
        nameof(TestClippedSgd) => new TestClippedSgd(),
        nameof(TestKitchenSink) => new TestKitchenSink(),
        nameof(TestStepDecay) => new TestStepDecay(),
        nameof(TestNoisySchedule) => new TestNoisySchedule(),
        _ => throw new ArgumentException(type),
    };

    [Theory]
    [InlineData(nameof(TestAdam), "Beta1", float.NaN)]
    [InlineData(nameof(TestAdam), "Beta1", -0.01f)]
    [InlineData(nameof(TestAdam), "Beta1", 1.01f)]
    [InlineData(nameof(TestAdam), "Beta2", float.NaN)]
    [InlineData(nameof(TestAdam), "Beta2", float.PositiveInfinity)]
    [InlineData(nameof(TestAdam), "Eps", float.NaN)]
    [InlineData(nameof(TestAdam), "Eps", -1e-12f)]
    [InlineData(nameof(TestAdam), "Eps", float.NegativeInfinity)]
    [InlineData(nameof(TestSgd), "Momentum", -0.5f)]
    [InlineData(nameof(TestSgd), "Dampening", 1.5f)]
    [InlineData(nameof(TestSgd), "WeightDecay", float.NaN)]
    [InlineData(nameof(TestClippedSgd), "MaxNorm", -1f)]
    [InlineData(nameof(TestKitchenSink), "Beta", 2f)]
    [InlineData(nameof(TestKitchenSink), "Thr", float.NaN)]
    [InlineData(nameof(TestNoisySchedule), "Amplitude", 1.5f)]
    [InlineData(nameof(TestStepDecay), "Gamma", float.NaN)]
    public void FloatSetterRejects(string type, string property, float value)
    {
        object target = Create(type);
        object? before = Get(target, property);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Set(target, property, value));
        Assert.Equal(property, ex.ParamName);
        Assert.Equal(before, Get(target, property));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(int.MinValue)]
    public void IntSetterRejectsBelowItsMinimum(int value)
    {
        var schedule = new TestStepDecay();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => schedule.StepSize = value);
        Assert.Equal(nameof(TestStepDecay.StepSize), ex.ParamName);
        Assert.Equal(30, schedule.StepSize);
    }

    [Fact]
    public void BoundsThemselvesAreAccepted()
    {
        var adam = new TestAdam { Beta1 = 0, Beta2 = 1, Eps = 0 };
        Assert.Equal((0f, 1f, 0f), (adam.Beta1, adam.Beta2, adam.Eps));
        adam.Beta1 = 1;
        Assert.Equal(1f, adam.Beta1);
        var decay = new TestStepDecay { StepSize = 1, Gamma = 0 };
        Assert.Equal((1, 0f), (decay.StepSize, decay.Gamma));
        var sgd = new TestSgd { Nesterov = true, Dampening = 1 };
        Assert.True(sgd.Nesterov);
    }

    [Fact]
    public void DefaultsComeFromTheAttributes()
    {
        var adam = new TestAdam();
        Assert.Equal((0.9f, 0.999f, 1e-8f, 1e-3f), (adam.Beta1, adam.Beta2, adam.Eps, adam.LearningRate));
        var sgd = new TestSgd();
        Assert.Equal((0f, false, 0.01f), (sgd.Momentum, sgd.Nesterov, sgd.LearningRate));
        Assert.Equal(30, new TestStepDecay().StepSize);
    }

    [Theory]
    [InlineData(nameof(TestAdam), float.NaN)]
    [InlineData(nameof(TestAdam), -1e-3f)]
    [InlineData(nameof(TestAdam), float.PositiveInfinity)]
    [InlineData(nameof(TestAdam), float.NegativeInfinity)]
    [InlineData(nameof(TestSgd), float.NaN)]
    [InlineData(nameof(TestLamb), -1f)]
    [InlineData(nameof(TestClippedSgd), float.PositiveInfinity)]
    [InlineData(nameof(TestKitchenSink), float.NaN)]
    public void LearningRateRejectsNaNNegativeAndInfinite(string type, float value)
    {
        var opt = (IOptimizer)Create(type);
        float before = opt.LearningRate;
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => opt.LearningRate = value);
        Assert.Equal(nameof(IOptimizer.LearningRate), ex.ParamName);
        Assert.Equal(before, opt.LearningRate);
    }

    [Fact]
    public void LearningRateAcceptsZero()
    {
        var opt = new TestAdam { LearningRate = 0 };
        var p = new Parameter([1f, 2f]);
        p.Grad[0] = 1;
        opt.Step(p);
        Assert.Equal([1f, 2f], p.Value.ToArray());
    }
}
