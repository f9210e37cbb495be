using System;

namespace OptGen.Nn;

/// <summary>Leaky rectified linear unit, <c>x &gt; 0 ? x : Slope · x</c>.</summary>
public sealed class LeakyRelu(float slope = 0.01f) : ElementwiseActivation(ElementwiseOp.LeakyRelu, ElementwiseOp.LeakyReluBackward, readsOutput: false)
{
    /// <summary>The gradient for negative inputs (PyTorch's <c>negative_slope</c>, default 0.01).</summary>
    public float Slope { get; } = float.IsFinite(slope) ? slope : throw new ArgumentOutOfRangeException(nameof(slope), slope, "The slope must be finite.");

    private protected override float Parameter => Slope;
}
