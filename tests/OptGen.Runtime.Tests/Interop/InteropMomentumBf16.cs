using OptGen.Interop;

namespace OptGen.Runtime.Tests.Interop;

/// <summary>Momentum SGD whose buffer is stored as bfloat16: a state PyTorch has no name for, saved as BF16.</summary>
[Optimizer(LearningRate = 0.05)]
[State("velocity", Storage = StateStorage.BFloat16)]
[Update("velocity = Beta * velocity + g; w -= lr * velocity")]
public partial class InteropMomentumBf16
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta { get; set; }
}
