namespace OptGen.Optimizers;

/// <summary>
/// AdamaxW, as <c>optax.adamaxw</c> (Optax 0.2.8: <c>scale_by_adamax</c>, then <c>add_decayed_weights</c>, then −lr):
/// Adamax's step <c>m / (1 − β1^t) / u</c> with <c>u = max(|g| + ε, β2 u)</c>, plus the decoupled decay <c>λ w</c>, the
/// sum scaled by the learning rate. Unlike <see cref="Adamax"/> (PyTorch's), the decay is not added to the gradient.
/// </summary>
[Optimizer(LearningRate = 2e-3)]
[State("m"), State("u")]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    u = max(abs(g) + Eps, Beta2 * u)
    w -= lr * (m / (1 - Beta1^t) / u + WeightDecay * w)
    """)]
public sealed partial class AdamaxW : IAdamMoments
{
    /// <summary>Decoupled weight decay, added to the step before the learning rate scales it (Optax <c>weight_decay</c>, default 1e-4).</summary>
    [Hyperparameter(1e-4, Min = 0)] public partial float WeightDecay { get; set; }
}
