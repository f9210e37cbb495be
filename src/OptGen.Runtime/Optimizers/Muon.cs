namespace OptGen.Optimizers;

/// <summary>
/// Muon (Jordan et al. 2024), as <c>torch.optim.Muon</c> (PyTorch 2.11, <c>_single_tensor_muon</c>): momentum whose
/// update is orthogonalised by a quintic Newton–Schulz iteration before it is applied, for the weight matrices of hidden
/// layers. The buffer is a lerp towards the gradient, <c>b += (1 − μ)(g − b)</c>; with <see cref="Nesterov"/> the
/// orthogonalised matrix is <c>g + μ(b − g)</c>, else <c>b</c>. The weights decay by <c>1 − lr · λ</c> with the plain
/// rate, and the orthogonalised update is applied with the rate adjusted to the matrix's shape (<see cref="AdjustLrFn"/>).
/// Only rank-2 tensors: any other rank is an <see cref="System.ArgumentException"/> naming the tensor and its shape,
/// before anything changes (PyTorch raises too). PyTorch runs the Newton–Schulz iteration in bfloat16; ours is float32.
/// </summary>
[Optimizer(LearningRate = 1e-3, MinRank = 2, MaxRank = 2)]
[State("b")]
[Update("""
    b = b + (1 - Momentum) * (g - b)
    u = Nesterov ? g + Momentum * (b - g) : b
    o = newton_schulz(u, NsCoefficientA, NsCoefficientB, NsCoefficientC, NsSteps, Eps)
    ratio = AdjustLrFn == 1 ? 0.2 * sqrt(max(rows, cols)) : sqrt(max(1, rows / cols))
    w = w * (1 - lr * WeightDecay)
    w -= lr * ratio * o
    """)]
public sealed partial class Muon
{
    /// <summary><see cref="AdjustLrFn"/>: the rate is scaled by <c>sqrt(max(1, rows / cols))</c> (PyTorch <c>None</c> or <c>"original"</c>, Keller Jordan's rule).</summary>
    public const int Original = 0;

    /// <summary><see cref="AdjustLrFn"/>: the rate is scaled by <c>0.2 · sqrt(max(rows, cols))</c> to match AdamW's update RMS (PyTorch <c>"match_rms_adamw"</c>, Moonshot's rule).</summary>
    public const int MatchRmsAdamW = 1;

    /// <summary>Decoupled weight decay, <c>w *= 1 − lr · λ</c> with the unadjusted rate (PyTorch <c>weight_decay</c>, default 0.1).</summary>
    [Hyperparameter(0.1, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Momentum factor μ (PyTorch <c>momentum</c>, default 0.95).</summary>
    [Hyperparameter(0.95, Min = 0)] public partial float Momentum { get; set; }

    /// <summary>Orthogonalise <c>g + μ(b − g)</c> in place of <c>b</c> (PyTorch <c>nesterov</c>, default true).</summary>
    [Hyperparameter(true)] public partial bool Nesterov { get; set; }

    /// <summary>Newton–Schulz coefficient <c>a</c> of <c>X ← aX + (bA + cA²)X</c> (PyTorch <c>ns_coefficients[0]</c>, default 3.4445).</summary>
    [Hyperparameter(3.4445)] public partial float NsCoefficientA { get; set; }

    /// <summary>Newton–Schulz coefficient <c>b</c> (PyTorch <c>ns_coefficients[1]</c>, default −4.775).</summary>
    [Hyperparameter(-4.775)] public partial float NsCoefficientB { get; set; }

    /// <summary>Newton–Schulz coefficient <c>c</c> (PyTorch <c>ns_coefficients[2]</c>, default 2.0315).</summary>
    [Hyperparameter(2.0315)] public partial float NsCoefficientC { get; set; }

    /// <summary>Floor of the Frobenius norm the matrix is divided by before the iteration (PyTorch <c>eps</c>, default 1e-7).</summary>
    [Hyperparameter(1e-7, Min = 0)] public partial float Eps { get; set; }

    /// <summary>Newton–Schulz iterations (PyTorch <c>ns_steps</c>, default 5; PyTorch rejects 100 or more).</summary>
    [Hyperparameter(5, Min = 0, Max = 99)] public partial int NsSteps { get; set; }

    /// <summary>
    /// How the rate of the orthogonalised update follows the matrix's shape (PyTorch <c>adjust_lr_fn</c>):
    /// <see cref="Original"/> (0, the default, PyTorch's <c>None</c>) or <see cref="MatchRmsAdamW"/> (1).
    /// </summary>
    [Hyperparameter(0, Min = 0, Max = 1)] public partial int AdjustLrFn { get; set; }
}
