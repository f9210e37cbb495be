namespace OptGen.Optimizers;

/// <summary>
/// SGD with Polyak's step size (Loizou et al. 2021, SPS), as <c>optax.polyak_sgd</c>: the gradient scaled by the rate
/// <c>s</c> (Optax's <c>scaling</c>, here <c>lr</c>, 1 by default), then by
/// <c>min((loss - f*) / (‖s g‖² + ε), MaxLearningRate)</c>, the squared norm over every tensor of the step; a zero
/// step where <c>‖s g‖² + ε</c> is at most float64's ε, as Optax. <see cref="SpsPlus"/> clips a negative gap
/// <c>loss - f*</c> to 0 (Optax's <c>variant="sps+"</c>). The update reads <c>loss</c>: set
/// <see cref="ILossAware.Loss"/> before each step. (The <c>polyak</c> sample declares a simpler Polyak step itself.)
/// </summary>
[Optimizer(LearningRate = 1.0)]
[Update("""
    normSq = lr * lr * global_sum(g * g)
    gap = SpsPlus ? max(loss - FMin, 0) : loss - FMin
    step = normSq + Eps <= 2.220446049250313e-16 ? 0 : min(gap / (normSq + Eps), MaxLearningRate)
    w -= step * lr * g
    """)]
public sealed partial class PolyakSgd
{
    /// <summary>The largest step size the Polyak rule may take (Optax <c>max_learning_rate</c>, default 1).</summary>
    [Hyperparameter(1.0, Min = 0)] public partial float MaxLearningRate { get; set; }

    /// <summary>The lowest loss reachable, <c>f*</c> (Optax <c>f_min</c>, default 0).</summary>
    [Hyperparameter(0.0)] public partial double FMin { get; set; }

    /// <summary>Added to the squared gradient norm (Optax <c>eps</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Clip a negative gap <c>loss - f*</c> to 0 (Optax <c>variant="sps+"</c>; default false, <c>"sps"</c>).</summary>
    [Hyperparameter(false)] public partial bool SpsPlus { get; set; }
}
