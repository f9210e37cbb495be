using OptGen;

namespace OptGen.Runtime.Tests.Reliability;

/// <summary>Two buffers, two per-tensor scalar states and a hyperparameter of each numeric type: a lot of state to keep intact.</summary>
[Optimizer(LearningRate = 0.01)]
[State("m"), State("v"), State("prod", Scalar = true, Init = 1), State("count", Scalar = true)]
[Update("""
    prod = prod * Beta
    count = count + 1
    m = Beta * m + (1 - Beta) * g
    v = v + g * g
    w -= lr * m / (1 - prod) / (sqrt(v / count) + Eps) + Decay * w / K
    """)]
public partial class ManyStates
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta { get; set; }
    [Hyperparameter(1e-8, Min = 0)] public partial double Eps { get; set; }
    [Hyperparameter(0, Min = 0, Max = 1)] public partial float Decay { get; set; }
    [Hyperparameter(4, Min = 1)] public partial int K { get; set; }
}
