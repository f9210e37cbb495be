namespace OptGen.Optimizers;

/// <summary>
/// LAMB (You et al.; Optax <c>lamb</c>): the bias-corrected Adam direction plus decoupled weight decay, scaled
/// per tensor by the trust ratio <c>‖w‖ / ‖u‖</c> (1 where either norm is 0). The norms are reductions, so a
/// step makes two passes over memory.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("v")]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    u = m / (1 - Beta1^t) / (sqrt(v / (1 - Beta2^t)) + Eps) + WeightDecay * w
    wNorm = norm(w)
    uNorm = norm(u)
    ratio = wNorm == 0 || uNorm == 0 ? 1 : wNorm / uNorm
    w -= lr * ratio * u
    """)]
public sealed partial class Lamb : IAdamMoments, IWeightDecay
{
    /// <summary>Added to the denominator for stability (default 1e-6).</summary>
    [Hyperparameter(1e-6, Min = 0)] public partial float Eps { get; set; }
}
