namespace OptGen.Optimizers;

/// <summary>
/// Optimistic Adam (Daskalakis et al. 2018), as <c>optax.optimistic_adam_v2</c>: Adam's step <c>r</c> (Optax's
/// <c>scale_by_adam</c>, Nesterov by default: <c>β1 m / (1 - β1^(t+1)) + (1 - β1) g / (1 - β1^t)</c> over
/// <c>sqrt(v / (1 - β2^t) + ε_root) + ε</c>), extrapolated against the previous step's as
/// <see cref="OptimisticGradientDescent"/> extrapolates gradients: <c>w -= lr ((α + β) r - β r_prev)</c>, with
/// <c>r_prev = r</c> on the first step. For saddle-point problems (GANs, min-max games).
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("v"), State("previous")]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    mHat = Nesterov ? Beta1 * m / (1 - Beta1^(t + 1)) + (1 - Beta1) * g / (1 - Beta1^t) : m / (1 - Beta1^t)
    r = mHat / (sqrt(v / (1 - Beta2^t) + EpsRoot) + Eps)
    prior = t == 1 ? r : previous
    previous = r
    w -= lr * ((Alpha + Beta) * r - Beta * prior)
    """)]
public sealed partial class OptimisticAdam : IAdamMoments
{
    /// <summary>Weight of the current step beyond the extrapolation (Optax <c>alpha</c>, default 1).</summary>
    [Hyperparameter(1)] public partial float Alpha { get; set; }

    /// <summary>Weight of the extrapolation against the previous step (Optax <c>beta</c>, default 1).</summary>
    [Hyperparameter(1)] public partial float Beta { get; set; }

    /// <summary>Added to the bias-corrected second moment under the root (Optax <c>eps_root</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float EpsRoot { get; set; }

    /// <summary>Nesterov's look-ahead in the first moment (Optax <c>nesterov</c>, default true).</summary>
    [Hyperparameter(true)] public partial bool Nesterov { get; set; }
}
