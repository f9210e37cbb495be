using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace OptGen.Reliability.Tests.Runtime;

/// <summary>Everything a failed call must leave as it was: values and gradients (bit-exact), the state and StepCount.</summary>
internal sealed record Snapshot(int[][] Values, int[][] Grads, long StepCount, bool Initialized, int[][][] Buffers, long[][] Scalars)
{
    private static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();

    public static Snapshot Take(IOptimizer opt, params IReadOnlyList<Parameter> ps) => new(
        ps.Select(p => Bits(p.Value)).ToArray(),
        ps.Select(p => Bits(p.Grad)).ToArray(),
        opt.StepCount,
        opt.State.IsInitialized,
        opt.State.Tensors.ToArray().Select(t => Enumerable.Range(0, t.BufferCount).Select(b => Bits(t.Buffer(b))).ToArray()).ToArray(),
        opt.State.Tensors.ToArray().Select(t => t.Scalars.Select(BitConverter.DoubleToInt64Bits).ToArray()).ToArray());

    public void AssertSame(Snapshot other, string what)
    {
        Assert.True(StepCount == other.StepCount, $"{what}: StepCount changed from {StepCount} to {other.StepCount}");
        Assert.True(Initialized == other.Initialized, $"{what}: the state was {(Initialized ? "dropped" : "allocated")}");
        Assert.True(Same(Values, other.Values), $"{what}: a weight changed");
        Assert.True(Same(Grads, other.Grads), $"{what}: a gradient changed");
        Assert.True(Buffers.Length == other.Buffers.Length && Buffers.Zip(other.Buffers).All(p => Same(p.First, p.Second)), $"{what}: a state buffer changed");
        Assert.True(Same(Scalars, other.Scalars), $"{what}: a scalar state changed");
    }

    private static bool Same<T>(T[][] a, T[][] b) => a.Length == b.Length && a.Zip(b).All(p => p.First.AsSpan().SequenceEqual(p.Second));
}
