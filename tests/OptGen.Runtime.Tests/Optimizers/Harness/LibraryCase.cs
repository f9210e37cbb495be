using OptGen.Runtime.Tests.Optimizers.References;

namespace OptGen.Runtime.Tests.Optimizers.Harness;

/// <summary>
/// One optimizer configuration and the reference it must match. <see cref="Reference"/> builds the reference for
/// the given optimizer and tensor lengths.
/// </summary>
public sealed record LibraryCase(string Name, Func<IOptimizer> Create, Func<IOptimizer, int[], StepReference> Reference)
{
    /// <summary>A case whose reference treats each tensor on its own.</summary>
    public static LibraryCase Of<T>(string name, Func<T> create, Func<T, int, TensorReference> reference)
        where T : IOptimizer
        => new(name, () => create(), (o, lengths) => new PerTensorReference(Array.ConvertAll(lengths, n => reference((T)o, n))));

    /// <summary>A case whose reference sees all tensors of a step at once (global sums).</summary>
    public static LibraryCase OfAll<T>(string name, Func<T> create, Func<T, int[], StepReference> reference)
        where T : IOptimizer
        => new(name, () => create(), (o, lengths) => reference((T)o, lengths));

    public override string ToString() => Name;
}
