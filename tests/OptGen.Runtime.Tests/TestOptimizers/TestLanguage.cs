namespace OptGen.Runtime.Tests.TestOptimizers;

/// <summary>Noisy SGD: Gaussian noise per element, from the optimizer's seed.</summary>
[Optimizer(LearningRate = 0.1)]
[Update("w -= lr * (g + Sigma * normal())")]
public partial class TestNoisySgd
{
    [Hyperparameter(1.0, Min = 0)] public partial float Sigma { get; set; }
}

/// <summary>Two draws per element (two sites): a uniform added to w and a normal kept in a state.</summary>
[Optimizer(LearningRate = 1)]
[State("z")]
[Update("""
    z = normal()
    w = w + uniform() + 0 * z
    """)]
public partial class TestDraws;

/// <summary>Draws in a pass that walks rows (a per-row state): the element index comes from the axis driver.</summary>
[Optimizer(LearningRate = 0.1)]
[State("r", Shape = StateShape.Row)]
[Update("""
    r = 0.9 * r + 0.1 * row_mean(g * g)
    w -= lr * (g / sqrt(r + 1e-8) + 0.5 * normal())
    """)]
public partial class TestRowNoise;

/// <summary>Pulls w back towards where it started (x0, a copy of w before the first step).</summary>
[Optimizer(LearningRate = 0.1)]
[State("x0", InitFromWeights = true)]
[Update("w -= lr * (g + Pull * (w - x0))")]
public partial class TestAnchored
{
    [Hyperparameter(0.5, Min = 0)] public partial float Pull { get; set; }
}

/// <summary>Polyak's step size: lr = (loss - f*) / |g|², over all tensors of the step.</summary>
[Optimizer(LearningRate = 1)]
[Update("w -= lr * (loss - MinLoss) / (global_sum(g * g) + 1e-12) * g")]
public partial class TestPolyak
{
    [Hyperparameter(0.0)] public partial double MinLoss { get; set; }
}

/// <summary>Every Period-th step takes an SGD step with a float32-rounded rate; the others leave w alone.</summary>
[Optimizer(LearningRate = 0.1)]
[State("rate", Scalar = true)]
[Update("""
    rate = f32(lr / 3)
    w = mod(t, Period) == 0 ? w - rate * g : w
    """)]
public partial class TestPeriodic
{
    [Hyperparameter(3, Min = 1)] public partial int Period { get; set; }
}

/// <summary>A state shared by all tensors (the largest |g| seen in any tensor) next to a per-tensor one (a step count).</summary>
[Optimizer(LearningRate = 0.1)]
[State("peak", Shared = true, Init = 1e-12), State("count", Scalar = true)]
[Update("""
    peak = max(peak, global_maxabs(g))
    count = count + 1
    w -= lr * g / peak
    """)]
public partial class TestSharedPeak;

/// <summary>A state from w stored as bfloat16: the copy is rounded once, as any bfloat16 store.</summary>
[Optimizer(LearningRate = 0.1)]
[State("x0", InitFromWeights = true, Storage = StateStorage.BFloat16)]
[Update("w -= lr * (g + 0.5 * (w - x0))")]
public partial class TestAnchoredBf16;
