namespace OptGen.Optimizers;

/// <summary>
/// MoMo-Adam (Schaipp et al. 2023), as <c>optax.contrib.momo_adam</c>: <see cref="Momo"/>'s Polyak-type step size on
/// Adam's preconditioned direction. The averages <c>f̄</c>, <c>m</c>, <c>γ</c> decay by β1 from the first step and are
/// bias-corrected by <c>bc = 1 - β1^t</c>; <c>D = ε + sqrt(v / (1 - β2^t))</c>;
/// <c>τ = min(lr / bc, max((1 + lr λ)(f̄ - bc f* - γ) + Σ m·w, 0) / Σ m²/D)</c> (0 when the denominator is below
/// float64's ε) and <c>w -= lr λ / (1 + lr λ) · w + τ m / D</c>. The update reads <c>loss</c>: set
/// <see cref="ILossAware.Loss"/> before each step.
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[State("m"), State("v"), State("fbar", Shared = true), State("gamma", Shared = true), State("lb", Shared = true)]
[Update("""
    fbar = Beta1 * fbar + (1 - Beta1) * loss
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    bc = 1 - Beta1^t
    precond = Eps + sqrt(v / (1 - Beta2^t))
    normSq = global_sum(m * m / precond)
    gamma = Beta1 * gamma + (1 - Beta1) * global_sum(g * w)
    iprod = global_sum(m * w)
    decay = 1 + lr * WeightDecay
    bound = t == 1 ? LowerBound : lb
    cap = decay * (fbar - gamma) + iprod
    lbNow = AdaptLowerBound && cap < decay * bc * bound ? max(cap / (2 * bc * decay), LowerBound) : bound
    tau = min(lr / bc, normSq <= 2.220446049250313e-16 ? 0 : max(decay * (fbar - bc * lbNow - gamma) + iprod, 0) / normSq)
    w -= lr * WeightDecay / decay * w + tau * m / precond
    lb = AdaptLowerBound ? max((fbar + iprod - gamma - tau * normSq / 2) / bc, LowerBound) : lbNow
    """)]
public sealed partial class MomoAdam : IAdamMoments
{
    /// <summary>A lower bound of the loss, <c>f*</c>; 0 suits most losses (Optax <c>lower_bound</c>, default 0).</summary>
    [Hyperparameter(0.0)] public partial double LowerBound { get; set; }

    /// <summary>Decoupled weight decay, applied as <c>lr λ / (1 + lr λ)</c> (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Estimate the lower bound on the fly, starting from <see cref="LowerBound"/> (Optax <c>adapt_lower_bound</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool AdaptLowerBound { get; set; }
}
