namespace OptGen.Optimizers;

/// <summary>
/// Adafactor (Shazeer and Stern), as <c>torch.optim.Adafactor</c> (PyTorch 2.11): the second moment of a matrix is
/// factored into one value per row and one per column (of each matrix of the stack, over the last two dimensions), its
/// estimate their outer product over the mean row value; a rank-1 tensor keeps a full second moment. The step is
/// relative to the weights' RMS (<c>max(Eps2, RMS(w)) · min(lr, 1/√t)</c>), the update clipped to RMS <c>D</c>, and
/// weight decay decoupled (<c>w ·= 1 − lr · WeightDecay</c>).
/// PyTorch's <c>g / sqrt(max(r · c / max(mean(r), Eps1), Eps1²))</c> is written as <c>g · min(rs · cs, 1 / Eps1)</c> with
/// a factor per row (<c>rs</c>) and per column (<c>cs</c>), as Optax's factored update: equal up to rounding, with the
/// square roots and divisions once per row and column instead of once per element, and cheap enough that the last pass
/// recomputes <c>u</c> instead of keeping a buffer the size of the matrix.
/// </summary>
[Optimizer(LearningRate = 1e-2)]
[State("r", Shape = StateShape.Row), State("c", Shape = StateShape.Column), State("v")]
[Update("""
    g = Maximize ? -g : g
    beta = t ^ Beta2Decay
    alpha = max(Eps2, norm(w) / sqrt(n)) * min(lr, 1 / sqrt(t))
    w *= 1 - lr * WeightDecay
    if rank >= 2
        r = r + beta * (row_mean(g * g) - r)
        c = c + beta * (col_mean(g * g) - c)
        rs = 1 / sqrt(r / max(mat_mean(r), Eps1))
        cs = 1 / sqrt(c)
        u = g * min(rs * cs, 1 / Eps1)
    else
        v = v + beta * (g * g - v)
        u = g / sqrt(max(v, Eps1 * Eps1))
    end
    w -= alpha / max(1, norm(u) / (sqrt(n) * D)) * u
    """)]
public sealed partial class Adafactor
{
    /// <summary>The decay of β2: <c>1 − β2_t = t^Beta2Decay</c> (PyTorch <c>beta2_decay</c>, default −0.8).</summary>
    [Hyperparameter(-0.8, Max = 0)] public partial float Beta2Decay { get; set; }

    /// <summary>
    /// Floor of the second-moment estimate and of its row mean (PyTorch <c>eps[0]</c>; its default None means float32's
    /// machine epsilon, 2^-23).
    /// </summary>
    [Hyperparameter(1.1920928955078125e-07, Min = 0)] public partial float Eps1 { get; set; }

    /// <summary>Smallest RMS of the weights the step is relative to (PyTorch <c>eps[1]</c>, default 1e-3).</summary>
    [Hyperparameter(1e-3, Min = 0)] public partial float Eps2 { get; set; }

    /// <summary>Clipping threshold of the update's RMS (PyTorch <c>d</c>, default 1).</summary>
    [Hyperparameter(1, Min = 1)] public partial float D { get; set; }

    /// <summary>Decoupled weight decay, scaled by the learning rate (PyTorch <c>weight_decay</c>, default 0).</summary>
    [Hyperparameter(0, Min = 0)] public partial float WeightDecay { get; set; }

    /// <summary>Maximise the objective instead of minimising it (PyTorch <c>maximize</c>).</summary>
    [Hyperparameter(false)] public partial bool Maximize { get; set; }
}
