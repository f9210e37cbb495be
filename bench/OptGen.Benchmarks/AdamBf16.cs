namespace OptGen.Benchmarks;

/// <summary>Adam with both moments stored as bfloat16: 20 bytes of traffic per parameter instead of 28.</summary>
[Optimizer]
[State("m", Storage = StateStorage.BFloat16), State("v", Storage = StateStorage.BFloat16)]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    w -= lr / (1 - Beta1^t) * m / (sqrt(v) / sqrt(1 - Beta2^t) + Eps)
    """)]
public partial class AdamBf16
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
}
