namespace OptGen.Nn;

/// <summary>Rectified linear unit, <c>max(x, 0)</c> (its backward is LeakyReLU's with slope 0).</summary>
public sealed class Relu() : ElementwiseActivation(ElementwiseOp.Relu, ElementwiseOp.LeakyReluBackward, readsOutput: false);
