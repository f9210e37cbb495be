using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace OptGen.TestSupport;

/// <summary>
/// Everything an optimizer call could change, as bits (NaN and -0 included): the weights and gradients, the step count,
/// whether the state is allocated, each state buffer and scalar, and the state objects themselves. A failed call must
/// leave all of it as it was (<see cref="AssertUnchanged"/>); a checkpoint restores the numbers (<see cref="AssertSameValues"/>).
/// </summary>
public sealed class OptimizerSnapshot
{
    private readonly int[][] _values, _grads;
    private readonly long _stepCount;
    private readonly bool _initialized;
    private readonly TensorState[] _tensors;
    private readonly int[][][] _buffers;
    private readonly long[][] _scalars;

    private OptimizerSnapshot(IOptimizer opt, IReadOnlyList<Parameter> ps)
    {
        _values = ps.Select(p => TestTraining.Bits(p.Value)).ToArray();
        _grads = ps.Select(p => TestTraining.Bits(p.Grad)).ToArray();
        _stepCount = opt.StepCount;
        _initialized = opt.State.IsInitialized;
        _tensors = opt.State.Tensors.ToArray();
        _buffers = _tensors.Select(t => Enumerable.Range(0, t.BufferCount).Select(b => TestTraining.Bits(t.Buffer(b))).ToArray()).ToArray();
        _scalars = _tensors.Select(t => t.Scalars.Select(BitConverter.DoubleToInt64Bits).ToArray()).ToArray();
    }

    /// <summary>The optimizer's state and the parameters' values and gradients, now.</summary>
    public static OptimizerSnapshot Take(IOptimizer opt, params IReadOnlyList<Parameter> ps) => new(opt, ps);

    /// <summary>The same numbers as <paramref name="other"/>: step count, weights, state buffers and scalars (gradients aside).</summary>
    public void AssertSameValues(OptimizerSnapshot other, string what = "the state")
    {
        Assert.True(_stepCount == other._stepCount, $"{what}: StepCount {other._stepCount}, expected {_stepCount}");
        Assert.True(_initialized == other._initialized, $"{what}: the state was {(_initialized ? "dropped" : "allocated")}");
        Assert.True(Same(_values, other._values), $"{what}: a weight differs");
        Assert.True(_buffers.Length == other._buffers.Length && _buffers.Zip(other._buffers).All(p => Same(p.First, p.Second)), $"{what}: a state buffer differs");
        Assert.True(Same(_scalars, other._scalars), $"{what}: a scalar state differs");
    }

    /// <summary>As <see cref="AssertSameValues"/>, and the same gradients.</summary>
    public void AssertSame(OptimizerSnapshot other, string what)
    {
        AssertSameValues(other, what);
        Assert.True(Same(_grads, other._grads), $"{what}: a gradient differs");
    }

    /// <summary>Nothing changed since this snapshot: the same numbers, gradients included, and the same state objects.</summary>
    public void AssertUnchanged(IOptimizer opt, params IReadOnlyList<Parameter> ps)
    {
        var now = new OptimizerSnapshot(opt, ps);
        AssertSame(now, "after the call");
        Assert.Equal(_tensors.Length, now._tensors.Length);
        for (int i = 0; i < _tensors.Length; i++)
            Assert.Same(_tensors[i], now._tensors[i]);
    }

    private static bool Same<T>(T[][] a, T[][] b) => a.Length == b.Length && a.Zip(b).All(p => p.First.AsSpan().SequenceEqual(p.Second));
}
