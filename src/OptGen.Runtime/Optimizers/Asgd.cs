namespace OptGen.Optimizers;

/// <summary>
/// Averaged SGD (Polyak and Juditsky 1992), as <c>torch.optim.ASGD</c>: SGD with a decaying step
/// <c>η_t = lr / (1 + λ lr t)^α</c> and weight shrink <c>w *= 1 - λ η</c>, plus a running average <c>ax</c> of the
/// weights that starts after <see cref="T0"/> steps (before that <c>ax</c> is the weights). As in PyTorch, the
/// step uses the η and μ computed at the end of the previous step (η = lr and μ = 1 on the first step), rounded to
/// float32 as PyTorch keeps them (float32 tensors).
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[State("ax"), State("eta", Scalar = true), State("mu", Scalar = true, Init = 1)]
[Update("""
    g = Maximize ? -g : g
    g = g + WeightDecay * w
    etaNow = t == 1 ? lr : eta
    w = w * (1 - Lambd * etaNow)
    w = w - etaNow * g
    ax = mu != 1 ? ax + (w - ax) * mu : w
    eta = f32(lr / (1 + Lambd * lr * t)^Alpha)
    mu = f32(1 / max(1, t - T0))
    """)]
public sealed partial class Asgd
{
    /// <summary>Decay term of the step size and the weight shrink (PyTorch <c>lambd</c>, default 1e-4).</summary>
    [Hyperparameter(1e-4, Min = 0)] public partial float Lambd { get; set; }

    /// <summary>Power of the step-size decay (PyTorch <c>alpha</c>, default 0.75).</summary>
    [Hyperparameter(0.75, Min = 0)] public partial float Alpha { get; set; }

    /// <summary>Step after which the weights are averaged (PyTorch <c>t0</c>, default 1e6).</summary>
    [Hyperparameter(1e6)] public partial float T0 { get; set; }

    /// <summary>L2 penalty added to the gradient (PyTorch <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>, default false).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
