// The update strategies of the documents OptGen started from, declared exactly as written there.
namespace OptGen.SeedFormulas;

/// <summary>4. Adaptive rate η0 / (sqrt(v_t) + ε), v_t the running sum of squared gradients (Adagrad's rule).</summary>
[Optimizer(LearningRate = 0.1)]
[State("v")]
[Update("""
    v = v + g * g
    w -= lr / (sqrt(v) + Eps) * g
    """)]
public partial class AdaptiveRate
{
    /// <summary>ε (default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
}

/// <summary>
/// 6. Gradient normalisation g ← g / ‖g‖₂ · clip(‖g‖₂, 1, ∞), then a gradient step. Unusual: a gradient shorter
/// than 1 is stretched to unit length and a longer one is left alone (clipping by norm does the opposite).
/// </summary>
[Optimizer(LearningRate = 0.01)]
[Update("""
    gn = norm(g)
    g = gn == 0 ? g : g / gn * max(gn, 1)
    w -= lr * g
    """)]
public partial class NormalizedGradient
{
}

/// <summary>
/// 7. "RMSprop" as written: m = βm + (1 − β) g², v = m / sqrt(ε + mean(m)), θ −= α v. Unusual: the step is the
/// second moment itself scaled by the root of its tensor mean, not g / sqrt(m) per element as in RMSprop.
/// </summary>
[Optimizer(LearningRate = 0.01)]
[State("m")]
[Update("""
    m = Beta * m + (1 - Beta) * g * g
    v = m / sqrt(Eps + mean(m))
    w -= lr * v
    """)]
public partial class SeedRmsprop
{
    /// <summary>β (default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta { get; set; }

    /// <summary>ε (default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
}

/// <summary>
/// 8. "Adam" as written: m and v as in Adam, m̂ = m / sqrt(ε + mean(v)), θ −= α m̂. Unusual: no bias correction, and
/// m is divided by the root of the tensor mean of v, not elementwise by sqrt(v).
/// </summary>
[Optimizer(LearningRate = 0.01)]
[State("m"), State("v")]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    mHat = m / sqrt(Eps + mean(v))
    w -= lr * mHat
    """)]
public partial class SeedAdam
{
    /// <summary>β1 (default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>β2 (default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>ε (default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
}

/// <summary>
/// 10. η = η0 / sqrt(1 + α Σ_{i≤t} g_i² / Σ_j g_ij²): per element, the running sum of its squared gradients
/// relative to the current squared norm of the whole gradient.
/// </summary>
[Optimizer(LearningRate = 0.1)]
[State("s")]
[Update("""
    s = s + g * g
    total = max(sum(g * g), 1e-30)
    w -= lr / sqrt(1 + Alpha * s / total) * g
    """)]
public partial class RelativeSquaredRate
{
    /// <summary>α (default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial float Alpha { get; set; }
}

/// <summary>
/// 11. η = η0 / sqrt(1 + α sqrt(Σ_{i≤t} g_i⁴ / (Σ_j g_ij²)²)): the fourth-moment analogue of 10, computed as
/// sqrt(q) / total: total² underflows in float (to 0 for an all-zero gradient, making 0/0 = NaN weights).
/// </summary>
[Optimizer(LearningRate = 0.1)]
[State("q")]
[Update("""
    q = q + g^4
    total = max(sum(g * g), 1e-30)
    w -= lr / sqrt(1 + Alpha * sqrt(q) / total) * g
    """)]
public partial class RelativeQuarticRate
{
    /// <summary>α (default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial float Alpha { get; set; }
}

/// <summary>12. L2 regularisation L = L0 + λ R(w) with R(w) = ‖w‖²/2: the gradient gains λ w.</summary>
[Optimizer(LearningRate = 0.01)]
[Update("""
    g = g + Lambda * w
    w -= lr * g
    """)]
public partial class L2RegularizedSgd
{
    /// <summary>λ (default 1e-3).</summary>
    [Hyperparameter(1e-3, Min = 0)] public partial float Lambda { get; set; }
}

/// <summary>15. Gradient clipping by value clip(∇L, −ε, ε), then a gradient step (the [ClipGradientValue] transform).</summary>
[Optimizer(LearningRate = 0.01)]
[ClipGradientValue(1.0)]
[Update("w -= lr * g")]
public partial class ClippedGradientSgd
{
}

/// <summary>16. Weight clipping w ← clip(w − η∇L, −ε, ε).</summary>
[Optimizer(LearningRate = 0.01)]
[Update("w = clamp(w - lr * g, -Eps, Eps)")]
public partial class WeightClippedSgd
{
    /// <summary>ε, the bound of the weights (default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial float Eps { get; set; }
}

/// <summary>
/// 17. w ← clip(w − η∇L + λw, −ε, ε). Unusual: + λw grows the weights (weight decay would subtract it); kept as
/// written, with the clip bounding the growth.
/// </summary>
[Optimizer(LearningRate = 0.01)]
[Update("w = clamp(w - lr * g + Lambda * w, -Eps, Eps)")]
public partial class WeightClippedGrowthSgd
{
    /// <summary>λ (default 1e-3).</summary>
    [Hyperparameter(1e-3, Min = 0)] public partial float Lambda { get; set; }

    /// <summary>ε, the bound of the weights (default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial float Eps { get; set; }
}
