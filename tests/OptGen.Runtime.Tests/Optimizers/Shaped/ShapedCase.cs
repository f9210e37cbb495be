namespace OptGen.Runtime.Tests.Optimizers.Shaped;

/// <summary>
/// An optimizer configuration for tensors with shapes, and its per-tensor reference. <see cref="Shapes"/> replaces
/// <see cref="ShapedProblem.Shapes"/> for an optimizer that takes only some ranks (Muon: matrices).
/// </summary>
public sealed record ShapedCase(string Name, Func<IOptimizer> Create, Func<IOptimizer, int[], ShapedReference> Reference, double Tolerance = 1e-5, int[][]? Shapes = null)
{
    public static ShapedCase Of<T>(string name, Func<T> create, Func<T, int[], ShapedReference> reference, double tolerance = 1e-5, int[][]? shapes = null) where T : IOptimizer =>
        new(name, () => create(), (o, shape) => reference((T)o, shape), tolerance, shapes);

    public override string ToString() => Name;
}
