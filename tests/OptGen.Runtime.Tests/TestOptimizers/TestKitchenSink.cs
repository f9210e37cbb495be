namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>
/// Exercises the rest of the language: a scalar state updated per step (like NAdam's product of momentum
/// factors), a buffer with a non-zero Init, element-wise conditions with mask logic, floor / pow / tanh / exp / log / sign / cos / sin /
/// min / max / clamp, the constants pi and e, <c>-x^2</c> precedence, <c>g</c> rebinding, mean / maxabs /
/// dot / a nested reduction, locals that live across reduction barriers (scratch buffers) and a local
/// updated with <c>/=</c>.
/// </summary>
[Optimizer(LearningRate = 0.02)]
[State("m", Init = 0.1), State("p", Scalar = true, Init = 1)]
[Update("""
    p = p * Beta * (1 - 0.5 * 0.96^(t * Decay))
    big = abs(g) > Thr && !(g > 0.9) ? sqrt(abs(g)) : pow(abs(g) + 1, 1.5) - 1
    f = floor(g * 4) / 4 - -g^2
    g = clamp(g, -Clip, Clip) + WeightDecay * w
    m = Beta * m + (1 - Beta) * g
    c = tanh(m) * exp(-abs(w)) + 0.1 * sign(g) * log(1 + g * g) / e + 0.01 * cos(w) * sin(g * pi)
    ma = maxabs(c)
    dev = sum(abs(g - mean(g))) / n
    cov = dot(g, w) / n
    c /= ma + Eps
    u = c + 0.1 * min(big, 1) + 0.05 * max(f, -0.5) + dev - cov
    w -= lr * (1 - p) * clamp(u, -3, 3)
    """)]
public partial class TestKitchenSink
{
    [Hyperparameter(0.9, Min = 0, Max = 1)] public partial float Beta { get; set; }
    [Hyperparameter(0.004, Min = 0)] public partial float Decay { get; set; }
    [Hyperparameter(0.5, Min = 0)] public partial float Thr { get; set; }
    [Hyperparameter(0.8, Min = 0)] public partial float Clip { get; set; }
    [Hyperparameter(0.01, Min = 0)] public partial float WeightDecay { get; set; }
    [Hyperparameter(1e-8, Min = 0)] public partial float Eps { get; set; }
}
