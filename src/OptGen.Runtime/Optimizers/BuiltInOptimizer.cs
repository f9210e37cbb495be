using System;

namespace OptGen.Optimizers;

/// <summary>
/// One entry of <see cref="BuiltInOptimizers.All"/>: the name tools know a built-in optimizer by, the peer it
/// reproduces, what it does in one line, and a factory for a fresh instance with the defaults.
/// </summary>
/// <param name="Name">The class name in lowercase (<c>adamw</c> for <see cref="AdamW"/>): what a command line takes.</param>
/// <param name="Peer">The implementation it matches, as docs/library.md names it: <c>torch.optim.AdamW</c>, <c>optax.contrib.prodigy</c>, <c>timm cadamw</c>.</param>
/// <param name="Description">What the algorithm does, in one line.</param>
/// <param name="Factory">Makes a new optimizer with the library defaults (no shared state between calls).</param>
public sealed record BuiltInOptimizer(string Name, string Peer, string Description, Func<IOptimizer> Factory)
{
    /// <summary>A new optimizer with the library defaults; it also implements <see cref="IHyperparameters"/>.</summary>
    public IOptimizer Create() => Factory();
}
