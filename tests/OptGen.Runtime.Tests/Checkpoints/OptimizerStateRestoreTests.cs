namespace OptGen.Runtime.Tests.Checkpoints;

public class OptimizerStateRestoreTests
{
    [Fact]
    public void RestoreCopiesValuesAndLaterStepsAcceptTheParameters()
    {
        var a = new Parameter(new float[] { 1, 2, 3 }, "a");
        var b = new Parameter(new float[] { 4 }, "b");
        var opt = new TestAdam();
        var m = new[] { new[] { 0.1f, 0.2f, 0.3f }, new[] { 0.5f, 0.6f, 0.7f } };
        var buffers = new[] { m, new[] { new[] { 1f }, new[] { 2f } } };
        opt.State.Restore(new[] { a, b }, 9, buffers, new[] { Array.Empty<double>(), Array.Empty<double>() });
        Assert.Equal(9, opt.StepCount);
        Assert.True(opt.State.IsInitialized);
        Assert.Equal(new[] { 0.5f, 0.6f, 0.7f }, opt.State.Tensors[0].Buffer(1).ToArray());
        m[1][0] = 99; // copied, not aliased
        Assert.Equal(0.5f, opt.State.Tensors[0].Buffer(1)[0]);
        opt.Step(a, b);
        Assert.Equal(10, opt.StepCount);
        Assert.Throws<ArgumentException>(() => opt.Step(b, a));
    }

    [Fact]
    public void InvalidRestoreChangesNothing()
    {
        var a = new Parameter(new float[] { 1, 2, 3 }, "a");
        var opt = new TestScalarMomentum();
        a.Grad[0] = 1;
        opt.Step(a);
        TensorState before = opt.State.Tensors[0];
        double prod = before.Scalars[0];

        var good = new[] { new[] { new float[3] } };
        var scalars = new[] { new[] { 0.5 } };
        Assert.Throws<ArgumentException>(() => opt.State.Restore(new[] { a }, 3, new[] { new[] { new float[2] } }, scalars));     // wrong buffer length
        Assert.Throws<ArgumentException>(() => opt.State.Restore(new[] { a }, 3, new[] { new[] { new float[3], new float[3] } }, scalars)); // wrong buffer count
        Assert.Throws<ArgumentException>(() => opt.State.Restore(new[] { a }, 3, good, new[] { new[] { 0.5, 0.5 } }));            // wrong scalar count
        Assert.Throws<ArgumentException>(() => opt.State.Restore(new[] { a, a }, 3, new[] { good[0], good[0] }, new[] { scalars[0], scalars[0] })); // duplicate
        Assert.Throws<ArgumentOutOfRangeException>(() => opt.State.Restore(new[] { a }, -1, good, scalars));
        Assert.Same(before, opt.State.Tensors[0]);
        Assert.Equal(prod, before.Scalars[0]);
        Assert.Equal(1, opt.StepCount);

        opt.State.Restore(new[] { a }, 3, good, scalars);
        Assert.Equal(0.5, opt.State.Tensors[0].Scalars[0]);
    }

    [Fact]
    public void InitializeAllocatesFreshStateWithoutAStep()
    {
        var a = new Parameter(new float[] { 1, 2 });
        var opt = new TestScalarMomentum();
        opt.State.Initialize(new[] { a });
        Assert.True(opt.State.IsInitialized);
        Assert.Equal(0, opt.StepCount);
        Assert.Equal(1.0, opt.State.Tensors[0].Scalars[0]); // Init = 1
        Assert.Equal(new float[2], opt.State.Tensors[0].Buffer(0).ToArray());
        Assert.Equal(new[] { 1f, 2f }, a.Value.ToArray());
        opt.Step(a);
        Assert.Throws<ArgumentException>(() => opt.Step(new Parameter(2)));
    }
}
