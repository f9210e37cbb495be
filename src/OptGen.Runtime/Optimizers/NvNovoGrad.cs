namespace OptGen.Optimizers;

/// <summary>
/// NovoGrad as NVIDIA's and timm's <c>NvNovoGrad</c> (timm <c>novograd</c>): the second moment is one number per tensor
/// from the squared gradient norm (<c>v = ‖g‖²</c> while it is 0, then <c>β2 v + (1 - β2) ‖g‖²</c>); the gradient divided
/// by <c>sqrt(v) + ε</c>, plus <c>λ w</c>, times <c>1 - β1</c> with <see cref="GradAveraging"/>, goes into the momentum
/// <c>m = β1 m + …</c>, and <c>w -= lr · m</c>. <see cref="Amsgrad"/> divides by the running maximum of <c>v</c>.
/// Not <see cref="NovoGrad"/> (<c>optax.novograd</c>: ε inside and outside the root, no β1 term on the first step).
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("v", Scalar = true), State("vmax", Scalar = true)]
[Update("""
    normSq = sum(g * g)
    v = v == 0 ? normSq : Beta2 * v + (1 - Beta2) * normSq
    vmax = Amsgrad ? max(vmax, v) : vmax
    scaled = g / (sqrt(Amsgrad ? vmax : v) + Eps) + WeightDecay * w
    m = Beta1 * m + (GradAveraging ? 1 - Beta1 : 1) * scaled
    w -= lr * m
    """)]
public sealed partial class NvNovoGrad
{
    /// <summary>Decay of the momentum (timm <c>betas[0]</c>, default 0.95).</summary>
    [Hyperparameter(0.95, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the per-tensor second moment (timm <c>betas[1]</c>, default 0.98).</summary>
    [Hyperparameter(0.98, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the root of the second moment (timm <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Weight decay added to the normalised gradient (timm <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Scale what enters the momentum by <c>1 - β1</c> (timm <c>grad_averaging</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool GradAveraging { get; set; }

    /// <summary>Divide by the running maximum of the second moment (timm <c>amsgrad</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Amsgrad { get; set; }
}
