namespace OptGen.Optimizers;

/// <summary>
/// signSGD (Bernstein et al.): <c>w -= lr · sign(g)</c>; with <c>Momentum</c> &gt; 0 it is Signum, the sign of an
/// exponential average of the gradient (Optax <c>sign_sgd</c> / <c>signum</c>).
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("b")]
[Update("""
    g = g + WeightDecay * w
    b = Momentum * b + (1 - Momentum) * g
    w -= lr * sign(Momentum == 0 ? g : b)
    """)]
public sealed partial class SignSgd
{
    /// <summary>Momentum of the averaged gradient whose sign is taken (default 0: plain signSGD).</summary>
    [Hyperparameter(0, Min = 0, Max = 1)] public partial float Momentum { get; set; }

    /// <summary>L2 penalty added to the gradient (default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }
}
