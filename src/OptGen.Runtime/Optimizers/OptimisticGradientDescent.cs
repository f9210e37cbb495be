namespace OptGen.Optimizers;

/// <summary>
/// Optimistic gradient descent (Mokhtari et al. 2019), as <c>optax.optimistic_gradient_descent</c> (Optax 0.2.8:
/// <c>scale_by_optimistic_gradient</c>, then −lr): the step <c>(α + β) g − β g_prev</c>, the gradient extrapolated
/// against the previous one (the previous gradient is the current one on the first step, as Optax since its issue
/// 1082). For saddle-point problems (GANs, min-max games), where plain gradient descent cycles.
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[State("previous")]
[Update("""
    prior = t == 1 ? g : previous
    previous = g
    w -= lr * ((Alpha + Beta) * g - Beta * prior)
    """)]
public sealed partial class OptimisticGradientDescent
{
    /// <summary>Weight of the current gradient beyond the extrapolation (Optax <c>alpha</c>, default 1).</summary>
    [Hyperparameter(1)] public partial float Alpha { get; set; }

    /// <summary>Weight of the extrapolation, the negative momentum on the previous gradient (Optax <c>beta</c>, default 1).</summary>
    [Hyperparameter(1)] public partial float Beta { get; set; }
}
