using System;
using System.Collections.Generic;
using System.Linq;

namespace OptGen;

/// <summary>
/// Which route each tensor of a step takes, decided once (the first step, an <c>Initialize</c> or a <c>Restore</c>):
/// the tensors in step order, each one's route and place within its route, and each route's tensors as the array its
/// optimizer is stepped with (the same array every step, so routing allocates nothing after the first).
/// </summary>
internal sealed class RoutingTable
{
    private RoutingTable(Parameter[] parameters, int[] routeOf, int[] indexInGroup, Parameter[][] groups)
    {
        Parameters = parameters;
        RouteOf = routeOf;
        IndexInGroup = indexInGroup;
        Groups = groups;
    }

    public static RoutingTable Empty { get; } = new([], [], [], []);

    /// <summary>The tensors, in step order.</summary>
    public Parameter[] Parameters { get; }

    /// <summary>Per tensor, its route.</summary>
    public int[] RouteOf { get; }

    /// <summary>Per tensor, its position among its route's tensors.</summary>
    public int[] IndexInGroup { get; }

    /// <summary>Per route, its tensors in step order (empty for a route no tensor takes).</summary>
    public Parameter[][] Groups { get; }

    public bool IsEmpty => Parameters.Length == 0;

    /// <summary>Routes <paramref name="parameters"/>: the first route whose rule matches takes a tensor.</summary>
    /// <exception cref="ArgumentException">A tensor is null, empty or repeated, or matches no route (named with its shape).</exception>
    public static RoutingTable Build(IReadOnlyList<Route> routes, ReadOnlySpan<Parameter> parameters, string caller)
    {
        if (parameters.Length == 0)
            throw new ArgumentException($"RoutedOptimizer.{caller} needs at least one parameter.", nameof(parameters));
        var routeOf = new int[parameters.Length];
        var indexInGroup = new int[parameters.Length];
        var counts = new int[routes.Count];
        var seen = new Dictionary<Parameter, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < parameters.Length; i++)
        {
            Parameter p = parameters[i] ?? throw new ArgumentNullException(nameof(parameters), $"Parameter {i} passed to RoutedOptimizer.{caller} is null.");
            if (!seen.TryAdd(p, i))
                throw new ArgumentException($"Parameter {i} ({p.Name ?? "unnamed"}) is passed to RoutedOptimizer.{caller} twice (also at {seen[p]}).", nameof(parameters));
            int r = 0;
            while (r < routes.Count && !routes[r].Matches(p))
                r++;
            if (r == routes.Count)
                throw new ArgumentException($"Parameter {i} ({p.Name ?? "unnamed"}, shape {Parameter.Format(p.Shape)}) matches no route of the RoutedOptimizer (routes: {string.Join(", ", routes.Select(x => x.Name))}); add a route that takes it, e.g. a last one that matches every tensor. Nothing was changed.", nameof(parameters));
            routeOf[i] = r;
            indexInGroup[i] = counts[r]++;
        }
        var groups = new Parameter[routes.Count][];
        for (int r = 0; r < groups.Length; r++)
            groups[r] = new Parameter[counts[r]];
        for (int i = 0; i < parameters.Length; i++)
            groups[routeOf[i]][indexInGroup[i]] = parameters[i];
        return new RoutingTable(parameters.ToArray(), routeOf, indexInGroup, groups);
    }

    /// <summary>Throws unless <paramref name="parameters"/> are exactly this table's tensors, in order (by reference: no tensor memory is read).</summary>
    public void CheckSame(ReadOnlySpan<Parameter> parameters)
    {
        if (parameters.Length != Parameters.Length)
            throw new ArgumentException($"RoutedOptimizer.Step was given {parameters.Length} parameters, but its routes were set for {Parameters.Length}. Pass the same parameters every step, or call Reset().", nameof(parameters));
        for (int i = 0; i < Parameters.Length; i++)
        {
            if (!ReferenceEquals(parameters[i], Parameters[i]))
                throw new ArgumentException($"Parameter {i} ({parameters[i]?.Name ?? "null"}) passed to RoutedOptimizer.Step is not the one its routes were set for ({Parameters[i].Name ?? "unnamed"}). Pass the same parameters in the same order every step, or call Reset().", nameof(parameters));
        }
    }
}
