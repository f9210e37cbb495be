namespace OptGen.Optimizers;

/// <summary>
/// Resilient backpropagation, as <c>torch.optim.Rprop</c>: a per-element step size grows by <c>EtaPlus</c> while
/// the gradient keeps its sign and shrinks by <c>EtaMinus</c> when it flips (that step is then skipped);
/// step sizes start at <c>lr</c> and stay within [<c>StepSizeMin</c>, <c>StepSizeMax</c>].
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[State("prev"), State("stepSize")]
[Update("""
    g = Maximize ? -g : g
    s = g * prev
    stepSize = clamp((t == 1 ? lr : stepSize) * (s > 0 ? EtaPlus : s < 0 ? EtaMinus : 1), StepSizeMin, StepSizeMax)
    g = s < 0 ? 0 : g
    w -= sign(g) * stepSize
    prev = g
    """)]
public sealed partial class Rprop
{
    /// <summary>Factor on a sign flip (PyTorch <c>etas[0]</c>, default 0.5).</summary>
    [Hyperparameter(0.5, Min = 0, Max = 1)] public partial float EtaMinus { get; set; }

    /// <summary>Factor while the sign holds (PyTorch <c>etas[1]</c>, default 1.2).</summary>
    [Hyperparameter(1.2, Min = 1)] public partial float EtaPlus { get; set; }

    /// <summary>Smallest step size (PyTorch <c>step_sizes[0]</c>, default 1e-6).</summary>
    [Hyperparameter(1e-6, Min = 0)] public partial float StepSizeMin { get; set; }

    /// <summary>Largest step size (PyTorch <c>step_sizes[1]</c>, default 50).</summary>
    [Hyperparameter(50, Min = 0)] public partial float StepSizeMax { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
