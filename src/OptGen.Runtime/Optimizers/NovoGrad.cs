namespace OptGen.Optimizers;

/// <summary>
/// NovoGrad (Ginsburg et al. 2019), as <c>optax.novograd</c>: the second moment is one number per tensor, an
/// average of the squared gradient norm (<c>nu = ‖g‖²</c> on the first step, then <c>β2 nu + (1 - β2) ‖g‖²</c>);
/// the momentum accumulates the normalised gradient plus weight decay without a (1 - β1) factor,
/// <c>m = β1 m + g / (sqrt(nu + ε_root) + ε) + λ w</c> (no β1 term on the first step), and <c>w -= lr · m</c>.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("nu", Scalar = true)]
[Update("""
    gNormSq = sum(g * g)
    nu = t == 1 ? gNormSq : Beta2 * nu + (1 - Beta2) * gNormSq
    m = (t == 1 ? 0 : Beta1 * m) + g / (sqrt(nu + EpsRoot) + Eps) + WeightDecay * w
    w -= lr * m
    """)]
public sealed partial class NovoGrad : IAdamMoments
{
    /// <summary>Decay of the per-tensor second moment (Optax <c>b2</c>, default 0.25).</summary>
    [Hyperparameter(0.25, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the denominator outside the square root (Optax <c>eps</c>, default 1e-6).</summary>
    [Hyperparameter(1e-6, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Added to the second moment inside the square root (Optax <c>eps_root</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float EpsRoot { get; set; }

    /// <summary>Weight decay added to the normalised gradient inside the momentum (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
