using System;

namespace OptGen.Optimizers;

/// <summary>
/// Schedule-free SGD (Defazio et al. 2024), as <c>optax.contrib.schedule_free_sgd</c>: <see cref="ScheduleFreeAdamW"/>'s
/// three sequences around a plain SGD step: <c>z</c> takes <c>z -= lr · (g + λ y)</c> (Optax's <c>add_decayed_weights</c>
/// before <c>sgd</c>), <c>x</c> is the average of the <c>z</c>'s weighted by <c>max_lr^power</c>, and the weights
/// <c>w</c> where gradients are taken are <c>y = β1 x + (1 - β1) z</c>. <c>x</c> is recovered from <c>y</c> and <c>z</c>;
/// <see cref="WriteEvaluationWeights"/> writes it for evaluation (<see cref="ScheduleFree"/>). <see cref="WarmupSteps"/>
/// ramps the rate up linearly from 0 as Optax's <c>warmup_steps</c>.
/// </summary>
[Optimizer(LearningRate = 1.0)]
[State("z", InitFromWeights = true), State("maxLr", Shared = true), State("weightSum", Shared = true)]
[Update(ScheduleFree.Weighting + """
    z = z - stepLr * (g + WeightDecay * w)
    """ + ScheduleFree.Average)]
public sealed partial class ScheduleFreeSgd : IEvaluationWeights
{
    /// <summary>Interpolation between the average <c>x</c> and <c>z</c> where gradients are taken (Optax <c>b1</c>, default 0.9).</summary>
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }

    /// <summary>Weight decay added to the gradient, taken at <c>y</c> (Optax <c>weight_decay</c>; default 0, Optax's <c>None</c>).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Power of the running maximum learning rate that weights the average (Optax <c>weight_lr_power</c>, default 2).</summary>
    [Hyperparameter(2.0)] public partial float WeightLrPower { get; set; }

    /// <summary>Steps of linear learning-rate warm-up from 0 (Optax <c>warmup_steps</c>; default 0, Optax's <c>None</c>).</summary>
    [Hyperparameter(0, Min = 0)] public partial int WarmupSteps { get; set; }

    /// <summary>True after the first step when <see cref="Beta1"/> is not 0 (with 0, <c>x = z = y</c>: the weights are the evaluation point).</summary>
    public bool HasEvaluationWeights => State.IsInitialized && Beta1 != 0;

    /// <summary>
    /// Writes the weights to evaluate the model at, the average <c>x = (y - (1 - β1) z) / β1</c> (Optax's
    /// <c>schedule_free_eval_params</c>), for tensor <paramref name="tensorIndex"/> into <paramref name="destination"/>,
    /// which may be the parameter's own <see cref="Parameter.Value"/>. Allocates nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No step has been taken yet, or <see cref="Beta1"/> is 0 (no average is kept).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tensorIndex"/> is not a tensor of the state.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not as long as the tensor.</exception>
    public void WriteEvaluationWeights(int tensorIndex, Span<float> destination)
        => ScheduleFree.WriteEvaluationWeights(nameof(ScheduleFreeSgd), State, Beta1, tensorIndex, destination);
}
