using System;
using System.Collections.Generic;
using System.Linq;
using OptGen.Interop;
using Xunit;

namespace OptGen.Data.Tests.Interop;

/// <summary>Momentum SGD whose buffer is stored as bfloat16: a state PyTorch has no name for, saved as BF16.</summary>
[Optimizer(LearningRate = 0.05)]
[State("velocity", Storage = StateStorage.BFloat16)]
[Update("velocity = Beta * velocity + g; w -= lr * velocity")]
public partial class InteropMomentumBf16
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta { get; set; }
}

internal static class InteropTestSupport
{
    /// <summary>Parameters of the given shapes, filled from <paramref name="seed"/>, named <c>p0</c>, <c>p1</c>, ...</summary>
    public static Parameter[] Model(int seed, params int[][] shapes)
    {
        var rng = new Random(seed);
        return shapes.Select((shape, i) =>
        {
            var p = new Parameter(shape, $"p{i}");
            for (int j = 0; j < p.Length; j++)
                p.Value[j] = (float)(rng.NextDouble() * 2 - 1);
            return p;
        }).ToArray();
    }

    public static void Train(IOptimizer opt, Parameter[] ps, int steps) => TestTraining.Train(opt, ps, steps);

    public static int[] Bits(ReadOnlySpan<float> values) => TestTraining.Bits(values);

    /// <summary>A copy of <paramref name="file"/> without the tensors <paramref name="drop"/> rejects, with <paramref name="edit"/> applied to the new writer.</summary>
    public static byte[] Rewrite(SafeTensorsFile file, Func<SafeTensorsEntry, bool>? drop = null, Action<SafeTensorsWriter>? edit = null)
    {
        var w = new SafeTensorsWriter();
        foreach (KeyValuePair<string, string> kv in file.Metadata)
            w.Metadata[kv.Key] = kv.Value;
        foreach (SafeTensorsEntry e in file.Tensors)
        {
            if (drop?.Invoke(e) != true)
                w.Add(e.Name, e.DType, e.Shape.ToArray(), file.GetData(e));
        }
        edit?.Invoke(w);
        return w.ToArray();
    }
}

/// <summary>Everything a load could change: values, step count, state buffers and scalars (as bits), and the state objects.</summary>
internal sealed class StateSnapshot
{
    private readonly int[][] _values;
    private readonly long _step;
    private readonly int[][][] _buffers;
    private readonly long[][] _scalars;
    private readonly TensorState[] _tensors;

    public StateSnapshot(IOptimizer opt, Parameter[] ps)
    {
        _values = ps.Select(p => InteropTestSupport.Bits(p.Value)).ToArray();
        _step = opt.StepCount;
        _tensors = opt.State.Tensors.ToArray();
        _buffers = _tensors.Select(t => Enumerable.Range(0, t.BufferCount).Select(b => InteropTestSupport.Bits(t.Buffer(b))).ToArray()).ToArray();
        _scalars = _tensors.Select(t => t.Scalars.Select(BitConverter.DoubleToInt64Bits).ToArray()).ToArray();
    }

    /// <summary>Same numbers (bit for bit) as <paramref name="other"/>.</summary>
    public void AssertSameValues(StateSnapshot other)
    {
        Assert.Equal(_step, other._step);
        Assert.Equal(_values, other._values);
        Assert.Equal(_buffers.Length, other._buffers.Length);
        for (int i = 0; i < _buffers.Length; i++)
            Assert.Equal(_buffers[i], other._buffers[i]);
        Assert.Equal(_scalars, other._scalars);
    }

    /// <summary>Nothing changed since this snapshot: same numbers and the same state objects.</summary>
    public void AssertUnchanged(IOptimizer opt, Parameter[] ps)
    {
        var now = new StateSnapshot(opt, ps);
        AssertSameValues(now);
        Assert.Equal(_tensors.Length, now._tensors.Length);
        for (int i = 0; i < _tensors.Length; i++)
            Assert.Same(_tensors[i], now._tensors[i]);
    }
}
