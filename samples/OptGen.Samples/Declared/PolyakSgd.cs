namespace OptGen.Samples.Declared;

/// <summary>
/// Gradient descent with Polyak's step size (Polyak 1987; Loizou et al. 2021): <c>η = (loss − f*) / ‖g‖²</c>, over all
/// tensors of the step, times <c>lr</c> (1 by default, Polyak's own step). <c>f*</c> is the lowest loss reachable
/// (<see cref="MinLoss"/>; 0 for a model that can fit its data exactly). The update reads <c>loss</c>, so the class
/// implements <see cref="ILossAware"/>; <see cref="Training.Trainer"/> sets it before each step.
/// </summary>
[Optimizer(LearningRate = 1)]
[Update("w -= lr * max(loss - MinLoss, 0) / (global_sum(g * g) + Eps) * g")]
public sealed partial class PolyakSgd
{
    /// <summary>The optimal loss <c>f*</c> (default 0).</summary>
    [Hyperparameter(0.0)] public partial double MinLoss { get; set; }

    /// <summary>Added to ‖g‖², so a zero gradient gives a zero step (default 1e-12).</summary>
    [Hyperparameter(1e-12, Min = 0)] public partial double Eps { get; set; }
}
