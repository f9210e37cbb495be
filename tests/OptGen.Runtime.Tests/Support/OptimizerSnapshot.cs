using System;
using System.Linq;
using Xunit;

namespace OptGen.Runtime.Tests.Support;

/// <summary>Everything a failed step must leave as it was: weights, gradients, state (arrays and values), step count.</summary>
public sealed class OptimizerSnapshot
{
    private readonly long _stepCount;
    private readonly bool _initialized;
    private readonly float[][] _weights;
    private readonly float[][] _grads;
    private readonly TensorState[] _tensors;
    private readonly float[][][] _buffers;
    private readonly double[][] _scalars;

    private OptimizerSnapshot(IOptimizer opt, Parameter[] ps)
    {
        _stepCount = opt.StepCount;
        _initialized = opt.State.IsInitialized;
        _weights = ps.Select(p => p.Value.ToArray()).ToArray();
        _grads = ps.Select(p => p.Grad.ToArray()).ToArray();
        _tensors = opt.State.Tensors.ToArray();
        _buffers = _tensors.Select(t => Enumerable.Range(0, t.BufferCount).Select(b => t.Buffer(b).ToArray()).ToArray()).ToArray();
        _scalars = _tensors.Select(t => (double[])t.Scalars.Clone()).ToArray();
    }

    public static OptimizerSnapshot Take(IOptimizer opt, params Parameter[] ps) => new(opt, ps);

    public void AssertUnchanged(IOptimizer opt, params Parameter[] ps)
    {
        Assert.Equal(_stepCount, opt.StepCount);
        Assert.Equal(_initialized, opt.State.IsInitialized);
        for (int k = 0; k < ps.Length; k++)
        {
            Assert.Equal(_weights[k], ps[k].Value.ToArray());
            Assert.Equal(_grads[k], ps[k].Grad.ToArray());
        }
        TensorState[] now = opt.State.Tensors.ToArray();
        Assert.Equal(_tensors.Length, now.Length);
        for (int k = 0; k < now.Length; k++)
        {
            Assert.Same(_tensors[k], now[k]);
            for (int b = 0; b < _buffers[k].Length; b++)
                Assert.Equal(_buffers[k][b], now[k].Buffer(b).ToArray());
            Assert.Equal(_scalars[k], now[k].Scalars);
        }
    }

    /// <summary>A parameter of <paramref name="length"/> elements with non-zero values and gradients.</summary>
    public static Parameter Param(int length, string name, float seed = 1)
    {
        var p = new Parameter(length, name);
        for (int i = 0; i < length; i++)
        {
            p.Value[i] = MathF.Sin(seed + i);
            p.Grad[i] = MathF.Cos(seed * 2 + i);
        }
        return p;
    }
}
