using System;
using System.Collections.Generic;
using System.Globalization;

namespace OptGen;

/// <summary>
/// The common routing rules (predicates on a parameter) and the routers built from them: weight decay only on
/// weight matrices (<see cref="WeightDecayExclusion(IOptimizer, IOptimizer)"/>), Muon on rank-2 weights and AdamW on
/// the rest (<see cref="MatricesAndRest"/>), and layer-wise learning-rate decay (<see cref="LayerwiseDecay"/>).
/// </summary>
public static class Routes
{
    /// <summary>The name of the hyperparameter the no-decay routes set to 0.</summary>
    public const string WeightDecayName = "WeightDecay";

    /// <summary>
    /// Tensors that usually get no weight decay: rank ≤ 1 (biases, norm gains and shifts), or named <c>…bias</c> or
    /// with <c>norm</c> in the name (case ignored), as the usual PyTorch two-group recipe and timm's
    /// <c>param_groups_weight_decay</c> decide.
    /// </summary>
    public static bool IsNoDecay(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        string? name = parameter.Name;
        return parameter.Rank <= 1
            || (name is not null && (name.EndsWith("bias", StringComparison.OrdinalIgnoreCase) || name.Contains("norm", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Rank-2 tensors (weight matrices), the ones Muon takes.</summary>
    public static bool IsMatrix(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return parameter.Rank == 2;
    }

    /// <summary>Every tensor (a last route that takes the rest).</summary>
    public static bool Any(Parameter parameter) => parameter is not null;

    /// <summary>
    /// The layer a parameter belongs to, read from its name: the first whole number in it (<c>dense2.weight</c> → 2,
    /// <c>blocks.11.attn.qkv.weight</c> → 11), or -1 for an unnamed parameter or a name without a number.
    /// </summary>
    public static int LayerIndex(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        ReadOnlySpan<char> name = parameter.Name;
        int start = name.IndexOfAnyInRange('0', '9');
        if (start < 0)
            return -1;
        int end = start;
        while (end < name.Length && char.IsAsciiDigit(name[end]))
            end++;
        return int.TryParse(name[start..end], NumberStyles.None, CultureInfo.InvariantCulture, out int layer) ? layer : -1;
    }

    /// <summary>
    /// The usual two groups: <paramref name="decay"/> takes the weights, <paramref name="noDecay"/> (typically the same
    /// optimizer with <c>WeightDecay = 0</c>) the tensors <see cref="IsNoDecay"/> picks. Routes <c>decay</c>, <c>no_decay</c>.
    /// </summary>
    public static RoutedOptimizer WeightDecayExclusion(IOptimizer decay, IOptimizer noDecay) =>
        new(new Route("decay", p => !IsNoDecay(p), decay), new Route("no_decay", IsNoDecay, noDecay));

    /// <summary>
    /// The two groups from one factory: the second instance gets <c>WeightDecay = 0</c>, so biases, norms and every
    /// rank-1 tensor are not decayed and the weights are, as configured by <paramref name="create"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The optimizer has no <c>WeightDecay</c> hyperparameter.</exception>
    public static RoutedOptimizer WeightDecayExclusion(Func<IOptimizer> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return WeightDecayExclusion(create(), WithoutWeightDecay(create()));
    }

    /// <summary>
    /// Muon's recipe (PyTorch's and timm's Muon docs): <paramref name="matrices"/> (Muon) takes the rank-2 weights,
    /// <paramref name="rest"/> (AdamW) the biases, norms and everything else. Routes <c>matrices</c>, <c>rest</c>.
    /// </summary>
    public static RoutedOptimizer MatricesAndRest(IOptimizer matrices, IOptimizer rest) =>
        new(new Route("matrices", IsMatrix, matrices), new Route("rest", Any, rest));

    /// <summary>
    /// Layer-wise learning-rate decay (BEiT; timm's <c>layer_decay</c>): one route per layer, <c>layer0</c> …
    /// <c>layer{n-1}</c>, each an optimizer from <paramref name="create"/> whose learning rate is scaled by
    /// <c>decay^(layers - 1 - i)</c>, so the top layer keeps the base rate and each layer below gets
    /// <paramref name="decay"/> times the one above. A tensor's layer is <paramref name="layerOf"/> (default
    /// <see cref="LayerIndex"/>); one outside 0 … layers-1 matches no route (an error at the first step naming it).
    /// With <paramref name="excludeFromWeightDecay"/>, each layer has a second route <c>layer{i}.no_decay</c> with
    /// <c>WeightDecay = 0</c> for the tensors <see cref="IsNoDecay"/> picks, as timm's <c>param_groups_layer_decay</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="layers"/> is below 1, or <paramref name="decay"/> is not in (0, 1].</exception>
    /// <exception cref="ArgumentException"><paramref name="excludeFromWeightDecay"/> with an optimizer that has no <c>WeightDecay</c>.</exception>
    public static RoutedOptimizer LayerwiseDecay(Func<IOptimizer> create, int layers, double decay, Func<Parameter, int>? layerOf = null, bool excludeFromWeightDecay = false)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        if (!(decay > 0 && decay <= 1))
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The layer decay must be in (0, 1].");
        Func<Parameter, int> layer = layerOf ?? LayerIndex;
        var routes = new List<Route>();
        for (int i = 0; i < layers; i++)
        {
            int index = i;
            float scale = (float)Math.Pow(decay, layers - 1 - i);
            IOptimizer optimizer = Scaled(create(), scale);
            if (!excludeFromWeightDecay)
            {
                routes.Add(new Route($"layer{i}", p => layer(p) == index, optimizer));
                continue;
            }
            routes.Add(new Route($"layer{i}", p => layer(p) == index && !IsNoDecay(p), optimizer));
            routes.Add(new Route($"layer{i}.no_decay", p => layer(p) == index && IsNoDecay(p), WithoutWeightDecay(Scaled(create(), scale))));
        }
        return new RoutedOptimizer(routes);
    }

    /// <summary>Sets <paramref name="optimizer"/>'s <c>WeightDecay</c> to 0 and returns it.</summary>
    /// <exception cref="ArgumentException">It has no <c>WeightDecay</c> hyperparameter.</exception>
    public static IOptimizer WithoutWeightDecay(IOptimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (optimizer is not IHyperparameters h || !HasHyperparameter(h, WeightDecayName))
            throw new ArgumentException($"{optimizer.GetType().Name} has no {WeightDecayName} hyperparameter, so it has no weight decay to turn off for biases and norms.", nameof(optimizer));
        h.SetHyperparameter(WeightDecayName, 0);
        return optimizer;
    }

    private static bool HasHyperparameter(IHyperparameters h, string name)
    {
        foreach (HyperparameterInfo info in h.Hyperparameters)
        {
            if (info.Name == name)
                return true;
        }
        return false;
    }

    private static IOptimizer Scaled(IOptimizer optimizer, float scale)
    {
        optimizer.LearningRate *= scale;
        return optimizer;
    }
}
