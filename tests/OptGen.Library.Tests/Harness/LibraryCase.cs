using System;
using OptGen.Library.Tests.References;

namespace OptGen.Library.Tests.Harness;

/// <summary>One optimizer configuration and the reference it must match.</summary>
public sealed record LibraryCase(string Name, Func<IOptimizer> Create, Func<IOptimizer, int, TensorReference> Reference)
{
    public static LibraryCase Of<T>(string name, Func<T> create, Func<T, int, TensorReference> reference)
        where T : IOptimizer
        => new(name, () => create(), (o, n) => reference((T)o, n));

    public override string ToString() => Name;
}
