namespace OptGen.Optimizers;

/// <summary>
/// DoG, "distance over gradients" (Ivgi et al. 2023), as <c>optax.contrib.dog</c>: a parameter-free SGD whose
/// step size is <c>r / sqrt(G + ε)</c>, with <c>r</c> the largest distance from the initial weights <c>x0</c> so far
/// and <c>G</c> the running sum of squared gradient norms. Both are over all tensors of a step (shared states, one
/// value stored once). <c>r</c> starts from <see cref="InitStep"/> as <see cref="InitStepType"/> says; the update is
/// <c>w -= lr · η · g</c> with <c>g</c> including the weight decay. The decayed gradient is written out again in the
/// last statement rather than kept in <c>g</c>, so that the second pass recomputes it instead of reading a scratch buffer.
/// </summary>
[Optimizer(LearningRate = 1.0)]
[State("x0", InitFromWeights = true), State("r", Shared = true), State("gSum", Shared = true)]
[Update("""
    decayed = g + WeightDecay * w
    rInit = InitStepType == 0 ? InitStep * (1 + global_norm(w)) : (InitStepType == 1 ? InitStep : 0)
    r = max(t == 1 ? rInit : r, global_norm(x0 - w))
    gSum = gSum + global_sum(decayed * decayed)
    eta = InitStepType == 2 && t == 1 ? InitStep : r / sqrt(gSum + Eps)
    w -= lr * eta * (g + WeightDecay * w)
    """)]
public sealed partial class Dog
{
    /// <summary><see cref="InitStepType"/>: <c>r</c> starts at <c>InitStep · (1 + ‖x0‖)</c> (Optax <c>"heuristic"</c>).</summary>
    public const int Heuristic = 0;

    /// <summary><see cref="InitStepType"/>: <c>r</c> starts at <c>InitStep</c> (Optax <c>"distance"</c>).</summary>
    public const int Distance = 1;

    /// <summary><see cref="InitStepType"/>: the first step uses <c>InitStep</c> as its step size, <c>r</c> starts at 0 (Optax <c>"learning_rate"</c>).</summary>
    public const int FirstStepSize = 2;

    /// <summary>
    /// How <see cref="InitStep"/> starts the method (the kind in Optax's <c>init_step</c> pair): <see cref="Heuristic"/>
    /// (default), <see cref="Distance"/> or <see cref="FirstStepSize"/>.
    /// </summary>
    [Hyperparameter(0, Min = 0, Max = 2)] public partial int InitStepType { get; set; }

    /// <summary>The value in Optax's <c>init_step</c> pair (default 1e-6, with <c>"heuristic"</c>).</summary>
    [Hyperparameter(1e-6, Min = 0)] public partial float InitStep { get; set; }

    /// <summary>Added to the sum of squared gradient norms (Optax <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Weight decay added to the gradient before DoG (Optax <c>weight_decay</c>; default 0, Optax's <c>None</c>).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
