namespace OptGen.Optimizers;

/// <summary>
/// ADOPT (Taniguchi et al. 2024), as <c>optax.contrib.adopt</c>: the gradient is normalised by the second moment
/// of the <em>previous</em> steps, <c>u = g / max(sqrt(v), ε)</c>, clipped to <c>±(t - 1)^¼</c>, and only then
/// averaged into the momentum. The first step only seeds <c>v = g²</c> and leaves the weights unchanged.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("v")]
[Update("""
    u = g / max(sqrt(v), Eps)
    clip = (t - 1)^0.25
    u = UseClipping ? clamp(u, -clip, clip) : u
    m = t == 1 ? m : Beta1 * m + (1 - Beta1) * u
    v = t == 1 ? g * g : Beta2 * v + (1 - Beta2) * g * g
    w -= lr * (Nesterov && t > 1 ? Beta1 * m + (1 - Beta1) * u : m)
    """)]
public sealed partial class Adopt
{
    /// <summary>Decay of the momentum (Optax <c>b1</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the second moment (Optax <c>b2</c>, default 0.9999).</summary>
    [Hyperparameter(0.9999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Lower bound of <c>sqrt(v)</c> in the normalisation (Optax <c>eps</c>, default 1e-6).</summary>
    [Hyperparameter(1e-6, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Apply the momentum once more to the step, Nesterov style (Optax <c>nesterov</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Nesterov { get; set; }

    /// <summary>
    /// Clip the normalised gradient to <c>±(t - 1)^¼</c> (Optax <c>use_clipping</c> with its default
    /// <c>clip_value_fn</c>, default true).
    /// </summary>
    [Hyperparameter(true)] public partial bool UseClipping { get; set; }
}
