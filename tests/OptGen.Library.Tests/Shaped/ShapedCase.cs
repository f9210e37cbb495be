using System;

namespace OptGen.Library.Tests.Shaped;

/// <summary>An optimizer configuration for tensors with shapes, and its per-tensor reference.</summary>
public sealed record ShapedCase(string Name, Func<IOptimizer> Create, Func<IOptimizer, int[], ShapedReference> Reference, double Tolerance = 1e-5)
{
    public static ShapedCase Of<T>(string name, Func<T> create, Func<T, int[], ShapedReference> reference, double tolerance = 1e-5) where T : IOptimizer =>
        new(name, () => create(), (o, shape) => reference((T)o, shape), tolerance);

    public override string ToString() => Name;
}
