namespace OptGen.Nn;

/// <summary>Logistic sigmoid, <c>1 / (1 + exp(-x))</c>. For a binary classifier prefer <see cref="BinaryCrossEntropyWithLogits"/> on raw outputs.</summary>
public sealed class Sigmoid() : ElementwiseActivation(ElementwiseOp.Sigmoid, ElementwiseOp.SigmoidBackward, readsOutput: true);
