using System;
using System.Collections.Generic;
using System.Linq;
using OptGen.Interop;
using Xunit;

namespace OptGen.Data.Tests.Interop;

/// <summary>Adam (spec §1) with both moments stored as bfloat16: a state PyTorch has no name for, saved as BF16.</summary>
[Optimizer]
[State("m", Storage = StateStorage.BFloat16), State("v", Storage = StateStorage.BFloat16)]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    w -= lr * (m / (1 - Beta1^t)) / (sqrt(v / (1 - Beta2^t)) + Eps)
    """)]
public partial class InteropAdamBf16
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
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

    /// <summary>Deterministic gradients (from the step and the values), then a step.</summary>
    public static void Train(IOptimizer opt, Parameter[] ps, int steps)
    {
        for (int s = 0; s < steps; s++)
        {
            long t = opt.StepCount;
            for (int k = 0; k < ps.Length; k++)
            {
                Span<float> w = ps[k].Value, g = ps[k].Grad;
                for (int i = 0; i < w.Length; i++)
                    g[i] = (float)(Math.Sin(0.37 * t + 1.3 * i + k) * 0.5 + 0.1 * w[i]);
            }
            opt.Step(ps);
        }
    }

    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var b = new int[values.Length];
        for (int i = 0; i < b.Length; i++)
            b[i] = BitConverter.SingleToInt32Bits(values[i]);
        return b;
    }

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
