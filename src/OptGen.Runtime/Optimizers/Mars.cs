namespace OptGen.Optimizers;

/// <summary>
/// MARS (Yuan et al. 2024), as timm <c>mars</c> (timm/optim/mars.py; <c>create_optimizer_v2(params, opt="mars")</c>
/// passes the class's defaults and <c>weight_decay</c> 0): variance reduction of the gradient,
/// <c>c = g + γ β1/(1 − β1) (g − g_prev)</c> (the gradient alone on the first step), scaled to norm 1 when its norm
/// is above 1, then an AdamW step (<see cref="MarsType"/> <see cref="TypeAdamW"/>) or a Lion step (the sign of the
/// momentum, <see cref="TypeLion"/>) on <c>c</c>. Tensors of rank 1 take a plain AdamW step with their own betas and
/// rate factor unless <see cref="Optimize1d"/>. The decay is part of the update, <c>w −= lr (λ w + u)</c>;
/// <see cref="Caution"/> masks the step as timm's <c>cmars</c>.
/// </summary>
[Optimizer(LearningRate = 3e-3)]
[State("m"), State("v"), State("lastGrad")]
[Update("""
    if rank >= 2 || Optimize1d
        c = t == 1 ? g : g + Gamma * (Beta1 / (1 - Beta1)) * (g - lastGrad)
        cNorm = norm(c)
        c = t > 1 && cNorm > 1 ? c / cNorm : c
        m = Beta1 * m + (1 - Beta1) * c
        mu = Caution ? (m * g > 0 ? m : 0) / max(mean(m * g > 0 ? 1 : 0), 1e-3) : m
        v = MarsType == 0 ? Beta2 * v + (1 - Beta2) * c * c : v
        u = MarsType == 0 ? mu / (1 - Beta1 ^ t) / (sqrt(v) / sqrt(1 - Beta2 ^ t) + Eps) : sign(mu)
        w = w - lr * (WeightDecay * w + u)
    else
        b1 = Beta1For1d < 0 ? Beta1 : Beta1For1d
        b2 = Beta2For1d < 0 ? Beta2 : Beta2For1d
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mu = Caution ? (m * g > 0 ? m : 0) / max(mean(m * g > 0 ? 1 : 0), 1e-3) : m
        w = w - lr * Lr1dFactor * (WeightDecay * w + mu / (1 - b1 ^ t) / (sqrt(v) / sqrt(1 - b2 ^ t) + Eps))
    end
    lastGrad = g
    """)]
public sealed partial class Mars
{
    /// <summary><see cref="MarsType"/>: an AdamW step on the variance-reduced gradient (timm <c>"adamw"</c>, the default).</summary>
    public const int TypeAdamW = 0;

    /// <summary><see cref="MarsType"/>: a Lion step, the sign of the momentum (timm <c>"lion"</c>); the second moment is not used.</summary>
    public const int TypeLion = 1;

    /// <summary>Decay of the momentum of <c>c</c> (timm <c>betas[0]</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 0.9999999)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the second moment of <c>c</c> (timm <c>betas[1]</c>, default 0.99).</summary>
    [Hyperparameter(0.99, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the denominator (timm <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Weight decay, added to the update: <c>w −= lr (λ w + u)</c> (timm <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Scale of the gradient difference in <c>c</c> (timm <c>gamma</c>, default 0.025).</summary>
    [Hyperparameter(0.025)] public partial float Gamma { get; set; }

    /// <summary>The step on <c>c</c>: <see cref="TypeAdamW"/> (0, default) or <see cref="TypeLion"/> (1) (timm <c>mars_type</c>).</summary>
    [Hyperparameter(0, Min = 0, Max = 1)] public partial int MarsType { get; set; }

    /// <summary>Use the MARS step for rank-1 tensors too (timm <c>optimize_1d</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Optimize1d { get; set; }

    /// <summary>Factor of the rate for rank-1 tensors when they take the AdamW step (timm <c>lr_1d_factor</c>, default 1).</summary>
    [Hyperparameter(1, Min = 0)] public partial float Lr1dFactor { get; set; }

    /// <summary>β1 of the AdamW step of rank-1 tensors (timm <c>betas_1d[0]</c>); negative, the default, is timm's None: <see cref="Beta1"/>.</summary>
    [Hyperparameter(-1, Max = 1)] public partial float Beta1For1d { get; set; }

    /// <summary>β2 of the AdamW step of rank-1 tensors (timm <c>betas_1d[1]</c>); negative, the default, is timm's None: <see cref="Beta2"/>.</summary>
    [Hyperparameter(-1, Max = 1)] public partial float Beta2For1d { get; set; }

    /// <summary>Step only where the momentum and the gradient agree in sign, rescaled by the share kept (timm <c>caution</c>, <c>cmars</c>).</summary>
    [Hyperparameter(false)] public partial bool Caution { get; set; }
}
