using OptGen;

namespace OptGen.Cli.Declared;

/// <summary>
/// AdaBelief (Zhuang et al., 2020) with decoupled weight decay and global-norm gradient clipping, declared in the
/// OptGen DSL: the generator compiles it into one fused SIMD loop. AdaBelief scales steps by the variance of the
/// gradient around its running mean ("belief") instead of its raw second moment, so a steady gradient gets a large
/// step and a noisy one a small step. The clipping statement uses a reduction over every tensor of the step.
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("m"), State("s")]
[Update("""
    g = g * min(1, MaxGradNorm / (global_norm(g) + 1e-12))
    w -= lr * WeightDecay * w
    m = Beta1 * m + (1 - Beta1) * g
    s = Beta2 * s + (1 - Beta2) * (g - m)^2 + Eps
    w -= lr * (m / (1 - Beta1^t)) / (sqrt(s / (1 - Beta2^t)) + Eps)
    """)]
public sealed partial class AdaBeliefW
{
    /// <summary>Decay of the gradient's running mean.</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the running variance around that mean.</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Keeps the denominator away from zero.</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Decoupled weight decay, applied as <c>w -= lr · WeightDecay · w</c> (as AdamW).</summary>
    [Hyperparameter(1e-2, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>The gradients of one step are scaled down together when their global L2 norm exceeds this.</summary>
    [Hyperparameter(5, Min = 0)] public partial float MaxGradNorm { get; set; }
}
