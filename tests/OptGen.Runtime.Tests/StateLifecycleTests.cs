using static OptGen.TestSupport.OptimizerSnapshot;
using static OptGen.TestSupport.TestTraining;

namespace OptGen.Runtime.Tests;

/// <summary>State is created by the first step for exactly its tensors, reused afterwards, and forgotten by Reset.</summary>
public class StateLifecycleTests
{
    [Fact]
    public void NoStateBeforeTheFirstStep()
    {
        var opt = new TestAdam();
        Assert.False(opt.State.IsInitialized);
        Assert.Equal(0, opt.State.Tensors.Length);
        Assert.Equal(0, opt.StepCount);
        Assert.Equal(["m", "v"], opt.State.BufferNames);
        Assert.Equal(["p"], new TestKitchenSink().State.ScalarNames);
    }

    [Fact]
    public void FirstStepCreatesStateForExactlyItsTensors()
    {
        var opt = new TestKitchenSink();
        Parameter a = Param(5, "a"), b = Param(33, "b");
        opt.Step(a, b);
        Assert.True(opt.State.IsInitialized);
        Assert.Equal(1, opt.StepCount);
        Assert.Equal([5, 33], opt.State.Tensors.ToArray().Select(t => t.Length));
        foreach (TensorState t in opt.State.Tensors)
        {
            Assert.Equal(1, t.BufferCount);
            Assert.Equal(t.Length, t.Buffer(0).Length);
            Assert.Single(t.Scalars);
        }
    }

    [Fact]
    public void LaterStepsReuseTheSameArrays()
    {
        var opt = new TestLamb();
        Parameter a = Param(17, "a"), b = Param(3, "b");
        opt.Step(a, b);
        TensorState[] tensors = opt.State.Tensors.ToArray();
        nint[] buffers = tensors.SelectMany(t => Enumerable.Range(0, t.BufferCount).Select(b => StateMemory.Address(t.Buffer(b)))).ToArray();
        double[][] scalars = tensors.Select(t => t.Scalars).ToArray();
        nint[] scratch = tensors.SelectMany(StateMemory.ScratchAddresses).ToArray();
        for (int i = 0; i < 5; i++)
            opt.Step(a, b);
        Assert.Equal(6, opt.StepCount);
        TensorState[] now = opt.State.Tensors.ToArray();
        Assert.Equal(tensors.Length, now.Length);
        for (int k = 0; k < tensors.Length; k++)
        {
            Assert.Same(tensors[k], now[k]);
            Assert.Same(scalars[k], now[k].Scalars);
        }
        Assert.Equal(buffers, now.SelectMany(t => Enumerable.Range(0, t.BufferCount).Select(b => StateMemory.Address(t.Buffer(b)))));
        Assert.NotEmpty(scratch);
        Assert.Equal(scratch, now.SelectMany(StateMemory.ScratchAddresses));
    }

    [Fact]
    public void ResetForgetsStateAndStepCountButKeepsHyperparameters()
    {
        var opt = new TestKitchenSink { Beta = 0.7f, LearningRate = 0.05f };
        Parameter a = Param(12, "a");
        for (int i = 0; i < 3; i++)
            opt.Step(a);
        opt.Reset();
        Assert.Equal(0, opt.StepCount);
        Assert.False(opt.State.IsInitialized);
        Assert.Equal((0.7f, 0.05f), (opt.Beta, opt.LearningRate));

        // After Reset the optimizer behaves exactly like a new one with the same settings.
        var fresh = new TestKitchenSink { Beta = 0.7f, LearningRate = 0.05f };
        Parameter x = Param(12, "x", 4), y = Param(12, "y", 4);
        opt.Step(x);
        opt.Step(x);
        fresh.Step(y);
        fresh.Step(y);
        Assert.Equal(y.Value.ToArray(), x.Value.ToArray());
        Assert.Equal(fresh.State.Tensors[0].Buffer(0).ToArray(), opt.State.Tensors[0].Buffer(0).ToArray());
        Assert.Equal(fresh.State.Tensors[0].Scalars, opt.State.Tensors[0].Scalars);
    }

    [Fact]
    public void ResetAcceptsANewParameterSet()
    {
        var opt = new TestAdam();
        Parameter a = Param(8, "a");
        opt.Step(a);
        Parameter b = Param(3, "b"), c = Param(40, "c");
        opt.Reset();
        opt.Step(b, c);
        Assert.Equal([3, 40], opt.State.Tensors.ToArray().Select(t => t.Length));
    }

    [Fact]
    public void BuffersStartAtTheirInitValue()
    {
        // TestKitchenSink declares m with Init = 0.1: after one step m = Beta * 0.1 + (1 - Beta) * g.
        var opt = new TestKitchenSink { Beta = 1f };
        Parameter a = Param(6, "a");
        opt.Step(a);
        Assert.All(opt.State.Tensors[0].Buffer(0).ToArray(), m => Assert.Equal(0.1f, m));
    }
}
