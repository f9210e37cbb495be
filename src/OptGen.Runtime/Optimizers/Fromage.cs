namespace OptGen.Optimizers;

/// <summary>
/// Fromage (Bernstein et al. 2020), as <c>optax.fromage</c>: a step of relative size <c>lr</c> per tensor, then a
/// shrink that keeps the weight norm from growing. With <c>ratio = max(‖w‖, m) / max(‖g‖, m)</c> (<c>m</c> =
/// <see cref="MinNorm"/>; 1 where a norm is 0) and <c>c = 1 / sqrt(1 + lr²)</c>:
/// <c>w = w - lr c · ratio · g + (c - 1) w</c>.
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[Update("""
    wNorm = max(norm(w), MinNorm)
    gNorm = max(norm(g), MinNorm)
    ratio = wNorm == 0 || gNorm == 0 ? 1 : wNorm / gNorm
    shrink = 1 / sqrt(1 + lr^2)
    w = w + (-(lr * shrink) * (ratio * g) + (shrink - 1) * w)
    """)]
public sealed partial class Fromage
{
    /// <summary>Lower bound of both norms in the trust ratio (Optax <c>min_norm</c>, default 1e-6).</summary>
    [Hyperparameter(1e-6, Min = 0)] public partial float MinNorm { get; set; }
}
