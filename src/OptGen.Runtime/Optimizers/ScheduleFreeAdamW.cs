using System;

namespace OptGen.Optimizers;

/// <summary>
/// Schedule-free AdamW (Defazio et al. 2024), as <c>optax.contrib.schedule_free_adamw</c>. Three sequences: <c>z</c>
/// takes AdamW steps without momentum (RMS-normalised gradient plus weight decay), <c>x</c> is a weighted average
/// of the <c>z</c>'s (weights <c>max_lr^power</c>), and the weights <c>w</c> handed to the model — where gradients
/// are taken — are <c>y = β1 x + (1 - β1) z</c>. As in Optax, <c>x</c> is not stored but recovered from <c>y</c> and
/// <c>z</c>; <see cref="WriteEvaluationWeights"/> writes it for evaluation (<see cref="ScheduleFree"/>, shared with
/// <see cref="ScheduleFreeSgd"/>).
/// <see cref="WarmupSteps"/> ramps the learning rate up linearly, as Optax's <c>warmup_steps</c>: the AdamW step of
/// step <c>t</c> sees the ramp at <c>t - 1</c>, the averaging weights see it at <c>t</c>.
/// </summary>
[Optimizer(LearningRate = 0.0025)]
[State("z", InitFromWeights = true), State("nu"), State("maxLr", Shared = true), State("weightSum", Shared = true)]
[Update(ScheduleFree.Weighting + """
    nu = Beta2 * nu + (1 - Beta2) * g * g
    z = z - stepLr * (g / (sqrt(nu / (1 - Beta2^t)) + Eps) + WeightDecay * w)
    """ + ScheduleFree.Average)]
public sealed partial class ScheduleFreeAdamW : IEvaluationWeights
{
    /// <summary>Interpolation between the average <c>x</c> and <c>z</c> where gradients are taken (Optax <c>b1</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Decay of the second moment (Optax <c>b2</c>, default 0.999).</summary>
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }

    /// <summary>Added to the RMS denominator (Optax <c>eps</c>, default 1e-8).</summary>
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Decoupled weight decay on <c>z</c>'s step, taken at <c>y</c> (Optax <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Power of the running maximum learning rate that weights the average (Optax <c>weight_lr_power</c>, default 2).</summary>
    [Hyperparameter(2.0)] public partial float WeightLrPower { get; set; }

    /// <summary>Steps of linear learning-rate warm-up from 0 (Optax <c>warmup_steps</c>; default 0, Optax's <c>None</c>).</summary>
    [Hyperparameter(0, Min = 0)] public partial int WarmupSteps { get; set; }

    /// <summary>True after the first step when <see cref="Beta1"/> is not 0 (with 0, <c>x = z = y</c>: the weights are the evaluation point).</summary>
    public bool HasEvaluationWeights => State.IsInitialized && Beta1 != 0;

    /// <summary>
    /// Writes the weights to evaluate the model at — the average <c>x = (y - (1 - β1) z) / β1</c>, as Optax's
    /// <c>schedule_free_eval_params</c> — for tensor <paramref name="tensorIndex"/> (in the order given to
    /// <c>Step</c>) into <paramref name="destination"/>. <paramref name="destination"/> may be the parameter's own
    /// <see cref="Parameter.Value"/>: each element is read before it is written. Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No step has been taken yet, or <see cref="Beta1"/> is 0 (no average is kept).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tensorIndex"/> is not a tensor of the state.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as the tensor.</exception>
    public void WriteEvaluationWeights(int tensorIndex, Span<float> destination)
        => ScheduleFree.WriteEvaluationWeights(nameof(ScheduleFreeAdamW), State, Beta1, tensorIndex, destination);
}
