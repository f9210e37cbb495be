namespace OptGen.Optimizers;

/// <summary>
/// MoMo (Schaipp et al. 2023), as <c>optax.contrib.momo</c>: SGD with momentum whose step size is Polyak's, from a
/// model of the loss built of running averages, capped by <c>lr</c>. With <c>β = 0</c> on the first step: the averaged
/// loss <c>f̄ = β f̄ + (1 - β) loss</c>, momentum <c>m = β m + (1 - β) g</c> and <c>γ = β γ + (1 - β) Σ g·w</c>; then
/// <c>τ = min(lr, max((1 + lr λ)(f̄ - f* - γ) + Σ m·w, 0) / ‖m‖²)</c> (0 when <c>‖m‖²</c> is below float64's ε,
/// as Optax) and <c>w -= lr λ / (1 + lr λ) · w + τ m</c>; the sums run over every tensor, with the weights before
/// the step. The lower bound <c>f*</c> of the loss is <see cref="LowerBound"/>, or, with <see cref="AdaptLowerBound"/>,
/// estimated on the way. The update reads <c>loss</c>: set <see cref="ILossAware.Loss"/> before each step.
/// </summary>
[Optimizer(LearningRate = 1.0)]
[State("m"), State("fbar", Shared = true), State("gamma", Shared = true), State("lb", Shared = true)]
[Update("""
    bt = t == 1 ? 0 : Beta
    fbar = bt * fbar + (1 - bt) * loss
    m = bt * m + (1 - bt) * g
    gamma = bt * gamma + (1 - bt) * global_sum(g * w)
    normSq = global_sum(m * m)
    iprod = global_sum(m * w)
    decay = 1 + lr * WeightDecay
    bound = t == 1 ? LowerBound : lb
    cap = decay * (fbar - gamma) + iprod
    lbNow = AdaptLowerBound && cap < decay * bound ? max(cap / (2 * decay), LowerBound) : bound
    tau = min(lr, normSq <= 2.220446049250313e-16 ? 0 : max(decay * (fbar - lbNow - gamma) + iprod, 0) / normSq)
    w -= lr * WeightDecay / decay * w + tau * m
    lb = AdaptLowerBound ? max(fbar + iprod - gamma - tau * normSq / 2, LowerBound) : lbNow
    """)]
public sealed partial class Momo
{
    /// <summary>Decay of the momentum and of the averaged loss and inner product (Optax <c>beta</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta { get; set; }

    /// <summary>A lower bound of the loss, <c>f*</c>; 0 suits most losses (Optax <c>lower_bound</c>, default 0).</summary>
    [Hyperparameter(0.0)] public partial double LowerBound { get; set; }

    /// <summary>Decoupled weight decay, applied as <c>lr λ / (1 + lr λ)</c> (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Estimate the lower bound on the fly, starting from <see cref="LowerBound"/> (Optax <c>adapt_lower_bound</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool AdaptLowerBound { get; set; }
}
