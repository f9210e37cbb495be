namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>LAMB-like: Adam direction plus decay, scaled per tensor by the trust ratio norm(w) / norm(u).</summary>
[Optimizer]
[State("m"), State("v")]
[Update("""
    m = Beta1 * m + (1 - Beta1) * g
    v = Beta2 * v + (1 - Beta2) * g * g
    u = (m / (1 - Beta1^t)) / (sqrt(v / (1 - Beta2^t)) + Eps) + WeightDecay * w
    wn = norm(w)
    un = norm(u)
    ratio = wn > 0 && un > 0 ? wn / un : 1
    w -= lr * ratio * u
    """)]
public partial class TestLamb
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta1 { get; set; }
    [Hyperparameter(0.999, Min = 0, Max = 1)] public partial float Beta2 { get; set; }
    [Hyperparameter(1e-6, Min = 0)] public partial float Eps { get; set; }
    [Hyperparameter(0.01, Min = 0)] public partial float WeightDecay { get; set; }
}
