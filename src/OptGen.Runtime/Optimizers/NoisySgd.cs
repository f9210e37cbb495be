namespace OptGen.Optimizers;

/// <summary>
/// Noisy SGD (Neelakantan et al. 2015), as <c>optax.noisy_sgd</c>: Gaussian noise with variance
/// <c>η / t^γ</c>, annealed with the step <c>t</c>, is added to the gradient before the step,
/// <c>w -= lr · (g + sqrt(η / t^γ) · N(0, 1))</c>. One draw per element from <see cref="Seed"/>, the step, the tensor
/// and the element (docs/dsl.md §12): the same run for the same seed at every vector width and core count, and after a
/// checkpoint. The numbers are ours, not JAX's (its PRNG cannot be reproduced here): the same distribution, other draws.
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[Update("w -= lr * (g + sqrt(Eta / t ^ Gamma) * normal())")]
public sealed partial class NoisySgd
{
    /// <summary>The noise's initial variance (Optax <c>eta</c>, default 0.01).</summary>
    [Hyperparameter(0.01, Min = 0)] public partial float Eta { get; set; }

    /// <summary>How fast the variance decays with the step, <c>η / t^γ</c> (Optax <c>gamma</c>, default 0.55).</summary>
    [Hyperparameter(0.55, Min = 0)] public partial float Gamma { get; set; }
}
