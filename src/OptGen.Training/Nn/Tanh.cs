namespace OptGen.Nn;

/// <summary>Hyperbolic tangent.</summary>
public sealed class Tanh() : ElementwiseActivation(ElementwiseOp.Tanh, ElementwiseOp.TanhBackward, readsOutput: true);
