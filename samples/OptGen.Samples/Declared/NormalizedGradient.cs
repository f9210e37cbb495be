namespace OptGen.Samples.Declared;

/// <summary>
/// Gradient normalisation g ← g / ‖g‖₂ · clip(‖g‖₂, 1, ∞), then a gradient step, per tensor (as SeedFormulas'
/// NormalizedGradient): a gradient shorter than 1 is stretched to unit length, a longer one is left alone.
/// </summary>
[Optimizer(LearningRate = 0.01)]
[Update("""
    gn = norm(g)
    g = gn == 0 ? g : g / gn * max(gn, 1)
    w -= lr * g
    """)]
public sealed partial class NormalizedGradient
{
}
