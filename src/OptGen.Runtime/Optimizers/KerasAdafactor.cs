namespace OptGen.Optimizers;

/// <summary>
/// Adafactor (Shazeer and Stern 2018) as <c>keras.optimizers.Adafactor</c> (Keras 3), the paper's defaults: the second
/// moment of <c>g² + ε1</c> factored over the last two dimensions of a tensor of rank ≥ 2 (per-row and per-column means,
/// decayed by <c>β2_t = 1 − t^Beta2Decay</c>, the estimate <c>r / mean(r) · c</c>), full for a vector; the step
/// <c>max(ε2, RMS(w)) · min(lr, 1/√t)</c>, the update <c>g / √v̂</c> clipped to RMS <see cref="ClipThreshold"/>.
/// <see cref="WeightDecay"/> is Keras's base-optimizer decay, applied first (<c>w −= w · λ · lr</c>). Not
/// <see cref="Adafactor"/> (<c>torch.optim.Adafactor</c>), where ε1 floors the estimate and its row mean instead of
/// joining g².
/// </summary>
[Optimizer(LearningRate = 1e-3)]
[State("r", Shape = StateShape.Row), State("c", Shape = StateShape.Column), State("v")]
[Update("""
    w = w - w * WeightDecay * lr
    alpha = max(Eps2, norm(w) / sqrt(n)) * min(lr, 1 / sqrt(t))
    beta2 = 1 - t ^ Beta2Decay
    if rank >= 2
        r = beta2 * r + (1 - beta2) * row_mean(g * g + Eps1)
        c = beta2 * c + (1 - beta2) * col_mean(g * g + Eps1)
        rs = 1 / sqrt(r / mat_mean(r))
        cs = 1 / sqrt(c)
        u = g * (rs * cs)
    else
        v = beta2 * v + (1 - beta2) * (g * g + Eps1)
        u = g / sqrt(v)
    end
    w -= alpha / max(1, norm(u) / sqrt(n) / ClipThreshold) * u
    """)]
public sealed partial class KerasAdafactor : IWeightDecay
{
    /// <summary>The decay of β2: <c>β2_t = 1 − t^Beta2Decay</c> (Keras <c>beta_2_decay</c>, default −0.8).</summary>
    [Hyperparameter(-0.8, Max = 0)] public partial float Beta2Decay { get; set; }

    /// <summary>Added to the squared gradient before it is averaged (Keras <c>epsilon_1</c>, default 1e-30).</summary>
    [Hyperparameter(1e-30, Min = 0)] public partial float Eps1 { get; set; }

    /// <summary>Smallest RMS of the weights the step is relative to (Keras <c>epsilon_2</c>, default 1e-3).</summary>
    [Hyperparameter(1e-3, Min = 0)] public partial float Eps2 { get; set; }

    /// <summary>Clipping threshold of the update's RMS (Keras <c>clip_threshold</c>, default 1).</summary>
    [Hyperparameter(1, Min = 0)] public partial float ClipThreshold { get; set; }
}
