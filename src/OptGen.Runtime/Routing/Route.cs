using System;

namespace OptGen;

/// <summary>
/// One route of a <see cref="RoutedOptimizer"/>: the tensors whose parameter <see cref="Matches"/> accepts (by name,
/// rank or shape) are updated by <see cref="Optimizer"/>. Routes are tried in order and the first match wins, so a
/// route is what PyTorch calls a parameter group, Optax a partition label and Keras a <c>MultiOptimizer</c> pair.
/// </summary>
public sealed class Route
{
    /// <summary>Creates a route.</summary>
    /// <param name="name">Names the route in messages and in the routed state's buffer names; unique within a router.</param>
    /// <param name="matches">Whether a tensor goes this way (see <see cref="OptGen.Routes"/> for the common rules).</param>
    /// <param name="optimizer">The optimizer of the route's tensors; fresh (no step taken), and in no other route.</param>
    /// <exception cref="ArgumentException">The name is empty or white space.</exception>
    public Route(string name, Func<Parameter, bool> matches, IOptimizer optimizer)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Matches = matches ?? throw new ArgumentNullException(nameof(matches));
        Optimizer = optimizer ?? throw new ArgumentNullException(nameof(optimizer));
    }

    /// <summary>The route's name.</summary>
    public string Name { get; }

    /// <summary>The rule: true for a tensor this route takes.</summary>
    public Func<Parameter, bool> Matches { get; }

    /// <summary>The optimizer of the route's tensors; its <see cref="IOptimizer.LearningRate"/> is the route's base rate.</summary>
    public IOptimizer Optimizer { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} → {Optimizer.GetType().Name}";
}
